package dev.contextdb.benchmarks.boot.delivery.modulith;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The baseline of {@link dev.contextdb.benchmarks.EventDeliveryBenchmark}: a plain Boot application
 * with Spring Modulith's JDBC event publication registry ({@code spring-modulith-starter-jdbc}), one
 * DataSource, modules {@code orders} and {@code shipping}; context-db is switched off
 * ({@code context-db.enabled=false}).
 */
@SpringBootApplication(scanBasePackages = "dev.contextdb.benchmarks.boot.delivery.modulith")
public class ModulithDeliveryApplication {
}
