package dev.contextdb.benchmarks.boot.tx.contextdb;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The context-db side of {@link dev.contextdb.benchmarks.TransactionalServiceBenchmark}: one
 * bounded context, {@code postings}, wired by the starter. Its component scan and its context scan
 * ({@code context-db.base-packages}) stay inside this package, away from the plain application
 * started in the same JVM.
 */
@SpringBootApplication(scanBasePackages = "dev.contextdb.benchmarks.boot.tx.contextdb")
public class ContextDbPostingsApplication {
}
