package dev.contextdb;

import java.util.List;

/**
 * Where a bounded context's data lives, as resolved from the strategy and the properties. Safe
 * to print: it carries no password and {@link #url()} is masked.
 *
 * <pre>{@code
 * Placement orders = contextDb.placement("orders");
 * orders.strategy();   // SCHEMA
 * orders.schema();     // "orders"
 * orders.pool();       // "contextdb-orders"
 * }</pre>
 *
 * @param context the context name
 * @param strategy its isolation strategy
 * @param vendor the database product, for example {@code "PostgreSQL"}
 * @param url the JDBC URL, with any password masked
 * @param username the user the context connects as
 * @param schema the context's schema (MariaDB: database), or {@code null} for the database's default schema
 * @param pool the name of the HikariCP pool that serves the context
 * @param maximumPoolSize the pool's size
 * @param reads the contexts this one reads
 * @param migrationLocations where its Flyway migrations are
 * @param historyTable the table of its migration history, qualified where it has its own schema
 */
public record Placement(String context, IsolationStrategy strategy, String vendor, String url, String username,
        String schema, String pool, int maximumPoolSize, List<String> reads, List<String> migrationLocations,
        String historyTable) {

    /**
     * Copies the lists.
     *
     * @param context the context name
     * @param strategy its isolation strategy
     * @param vendor the database product
     * @param url the JDBC URL, with any password masked
     * @param username the user the context connects as
     * @param schema the context's schema, or {@code null}
     * @param pool the name of the pool that serves the context
     * @param maximumPoolSize the pool's size
     * @param reads the contexts this one reads
     * @param migrationLocations where its Flyway migrations are
     * @param historyTable the table of its migration history
     */
    public Placement {
        reads = List.copyOf(reads);
        migrationLocations = List.copyOf(migrationLocations);
    }

    /**
     * @return one line for logs: context, strategy, database, schema and pool
     */
    public String describe() {
        return context + ": " + strategy + " on " + vendor + " " + url
                + (schema == null ? " (default schema)" : " schema " + schema)
                + ", pool " + pool + " (max " + maximumPoolSize + ")"
                + (reads.isEmpty() ? "" : ", reads " + reads);
    }
}
