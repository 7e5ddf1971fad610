package dev.contextdb.internal;

/**
 * How a context's connections reach its schema: the one answer the plan gives, from which the
 * placement's schema, the pool's settings and the context's DataSource are all derived.
 */
sealed interface SchemaAccess {

    /** @return the context's schema (MariaDB: database), or {@code null} for the connection's default */
    String schema();

    /**
     * The context's own pool makes every connection on the schema ({@code SCHEMA} with a pool per
     * context; {@code DATABASE} with a schema set).
     * @param schema the schema
     */
    record Pinned(String schema) implements SchemaAccess {
    }

    /**
     * A pool that serves several {@code SCHEMA} contexts ({@code pooling=single-pool}): a connection
     * is switched to the borrowing context's schema when it is taken, if it is not on it already.
     * @param schema the schema
     */
    record Switched(String schema) implements SchemaAccess {
    }

    /** The connection's default schema: {@code SHARED}, or {@code DATABASE} without a schema set. */
    record Default() implements SchemaAccess {
        @Override
        public String schema() {
            return null;
        }
    }
}
