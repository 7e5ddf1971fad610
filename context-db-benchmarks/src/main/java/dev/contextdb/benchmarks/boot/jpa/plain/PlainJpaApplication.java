package dev.contextdb.benchmarks.boot.jpa.plain;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The baseline of {@link dev.contextdb.benchmarks.JpaServiceBenchmark}: a plain Boot JPA application
 * with Boot's single DataSource, entity manager factory, {@code JpaTransactionManager}, Spring Data
 * JPA repositories and Flyway; context-db is switched off ({@code context-db.enabled=false}).
 */
@SpringBootApplication(scanBasePackages = "dev.contextdb.benchmarks.boot.jpa.plain")
public class PlainJpaApplication {
}
