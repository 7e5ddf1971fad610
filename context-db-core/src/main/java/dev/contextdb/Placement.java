package dev.contextdb;

import dev.contextdb.internal.Vendor;
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
 * @param vendor the database product, for example {@link DatabaseVendor#POSTGRESQL}
 * @param url the JDBC URL, with any password masked
 * @param username the user the context connects as
 * @param schema the context's schema (MariaDB: database), or {@code null} for the database's default schema
 * @param pool the name of the HikariCP pool that serves the context
 * @param maximumPoolSize the pool's size
 * @param reads the contexts this one reads
 * @param migrationLocations where its Flyway migrations are
 * @param historyTable the table of its migration history, qualified where it has its own schema
 */
public record Placement(String context, IsolationStrategy strategy, DatabaseVendor vendor, String url,
        String username, String schema, String pool, int maximumPoolSize, List<String> reads,
        List<String> migrationLocations, String historyTable) {

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
     * A table of this context as hand-written SQL of a context that reads it names it: qualified
     * with this context's schema (quoted for the vendor) under {@code SCHEMA}, unqualified where
     * the context has no schema of its own ({@code SHARED}: one schema for all). The reading
     * context's SQL then works under either strategy, with whatever schema is configured.
     *
     * <pre>{@code
     * String product = contextDb.placement("catalog").qualify("product");   // "catalog"."product"
     * ordersJdbc.sql("select o.id, p.name from purchase_order o join " + product + " p on p.id = o.product_id")
     * }</pre>
     *
     * jOOQ needs none of this: in a reading context's {@code DSLContext} a table of schema
     * {@code catalog} (the context's name) renders as catalog's placement.
     * @param table a table name as the context's migrations create it
     * @return the table, qualified where the context has a schema
     */
    public String qualify(String table) {
        if (schema == null) {
            return table;
        }
        return Vendor.of(vendor).quote(schema) + "." + table;
    }

    /**
     * @return one line for logs: context, strategy, database, schema and pool
     */
    public String describe() {
        return context + ": " + strategy + " on " + vendor.displayName() + " " + url
                + (schema == null ? " (default schema)" : " schema " + schema)
                + ", pool " + pool + " (max " + maximumPoolSize + ")"
                + (reads.isEmpty() ? "" : ", reads " + reads);
    }
}
