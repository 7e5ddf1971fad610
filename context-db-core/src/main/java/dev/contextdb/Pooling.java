package dev.contextdb;

/**
 * How {@link IsolationStrategy#SCHEMA} contexts on the same database get their connections
 * ({@code context-db.pooling}).
 *
 * <pre>{@code
 * ContextDb.builder(model).strategy(IsolationStrategy.SCHEMA).pooling(Pooling.SINGLE_POOL);
 * // context-db.pooling=single-pool
 * }</pre>
 */
public enum Pooling {

    /** A HikariCP pool per context, each pinned to its context's schema. */
    PER_CONTEXT,

    /**
     * One pool for all {@code SCHEMA} contexts; a connection is switched to the borrowing
     * context's schema on checkout, and only when it is not already on it.
     */
    SINGLE_POOL,

    /**
     * The earlier name of {@link #SINGLE_POOL}, which read like {@link IsolationStrategy#SHARED}
     * (one schema for all) though it means one pool for many schemas.
     *
     * @deprecated use {@link #SINGLE_POOL} ({@code context-db.pooling=single-pool}); {@code shared}
     *     still works, with a warning at start-up
     */
    @Deprecated(since = "0.1.0")
    SHARED
}
