package dev.contextdb.benchmarks.boot.delivery.contextdb;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The context-db side of {@link dev.contextdb.benchmarks.EventDeliveryBenchmark} and
 * {@link dev.contextdb.benchmarks.RabbitExternalizationBenchmark}: contexts {@code orders} (publishes)
 * and {@code shipping} (listens), wired by the starter. Its component and context scans stay inside
 * this package, away from the Spring Modulith application started in the same JVM.
 */
@SpringBootApplication(scanBasePackages = "dev.contextdb.benchmarks.boot.delivery.contextdb")
public class ContextDbDeliveryApplication {
}
