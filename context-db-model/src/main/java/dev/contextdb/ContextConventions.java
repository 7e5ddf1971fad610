package dev.contextdb;

/**
 * The names a bounded context gets when its configuration does not choose them: its schema, where
 * its migrations are, and its migration history table. The core places and migrates contexts by
 * these, and the starter and the docs describe them from here; the names of a context's beans are
 * {@link ContextBean}'s.
 *
 * <pre>{@code
 * ContextConventions.defaultSchema("orders");                              // "orders"
 * ContextConventions.defaultMigrationLocation("orders");                   // "classpath:db/migration/orders"
 * ContextConventions.historyTable("orders", IsolationStrategy.SCHEMA);     // "flyway_schema_history"
 * ContextConventions.historyTable("orders", IsolationStrategy.SHARED);     // "flyway_schema_history_orders"
 * }</pre>
 */
public final class ContextConventions {

    private static final String HISTORY_TABLE = "flyway_schema_history";

    private ContextConventions() {
    }

    /**
     * @param context a context name
     * @return the schema (MariaDB: database) of a {@code SCHEMA} context that sets no
     *         {@code context-db.contexts.<name>.schema}: the context's name
     */
    public static String defaultSchema(String context) {
        return context;
    }

    /**
     * @param context a context name
     * @return where the context's Flyway migrations are unless
     *         {@code context-db.contexts.<name>.flyway.locations} is set
     */
    public static String defaultMigrationLocation(String context) {
        return "classpath:db/migration/" + context;
    }

    /**
     * The context's Flyway history table, unqualified. Under {@code SHARED} the contexts share one
     * schema, so each history table carries its context's name; otherwise the table lies in the
     * context's own schema or database and keeps Flyway's default name.
     * @param context a context name
     * @param strategy the context's strategy
     * @return {@code flyway_schema_history_<context>} under {@code SHARED}, else {@code flyway_schema_history}
     */
    public static String historyTable(String context, IsolationStrategy strategy) {
        return strategy == IsolationStrategy.SHARED ? HISTORY_TABLE + "_" + context : HISTORY_TABLE;
    }
}
