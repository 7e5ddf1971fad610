package dev.contextdb.benchmarks.boot.tx.plain;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The baseline of {@link dev.contextdb.benchmarks.TransactionalServiceBenchmark}: a plain Boot
 * application with Boot's single DataSource, transaction manager, JdbcClient and Flyway;
 * context-db is switched off ({@code context-db.enabled=false}).
 */
@SpringBootApplication(scanBasePackages = "dev.contextdb.benchmarks.boot.tx.plain")
public class PlainPostingsApplication {
}
