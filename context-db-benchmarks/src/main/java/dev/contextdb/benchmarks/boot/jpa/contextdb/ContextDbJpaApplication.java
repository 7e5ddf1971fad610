package dev.contextdb.benchmarks.boot.jpa.contextdb;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The context-db side of {@link dev.contextdb.benchmarks.JpaServiceBenchmark}: one bounded context,
 * {@code ledger}, with an entity and a Spring Data JPA repository, and no persistence
 * configuration: the starter gives it {@code ledgerEntityManagerFactory} and a
 * {@code ledgerTransactionManager} that is a {@code JpaTransactionManager}. Its component scan and
 * context scan stay inside this package, away from the plain application started in the same JVM.
 */
@SpringBootApplication(scanBasePackages = "dev.contextdb.benchmarks.boot.jpa.contextdb")
public class ContextDbJpaApplication {
}
