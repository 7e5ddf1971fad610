package dev.contextdb;

/**
 * Where a bounded context's tables live. The same context code runs under each; changing the
 * strategy of a context is configuration, for example
 * {@code context-db.contexts.billing.strategy=DATABASE}.
 */
public enum IsolationStrategy {

    /** The context has its own database (own URL, credentials and pool; the vendor may differ). */
    DATABASE,

    /** One database shared by the contexts, one schema per context (named after the context by default). */
    SCHEMA,

    /** One schema for every context; each context still owns its migrations and transactions. */
    SHARED
}
