package dev.contextdb;

/**
 * How {@link IsolationStrategy#SCHEMA} contexts on the same database get their connections
 * ({@code context-db.pooling}).
 */
public enum Pooling {

    /** A HikariCP pool per context, each pinned to its context's schema. */
    PER_CONTEXT,

    /**
     * One pool for all contexts; a connection is switched to the borrowing context's schema on
     * checkout, and only when it is not already on it.
     */
    SHARED
}
