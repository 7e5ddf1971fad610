package dev.contextdb;

/**
 * What happens when context B takes a connection while context A has a transaction open on the
 * same thread ({@code context-db.guard}): the classic "I thought this was atomic" bug, since B's
 * work is never part of A's transaction and will not roll back with it.
 *
 * <pre>{@code
 * ContextDb.builder(model).guard(Guard.FAIL)   // context-db.guard=fail
 * }</pre>
 */
public enum Guard {

    /** Refuse: B's connection request fails before any of its SQL runs, naming both contexts and the call site. */
    FAIL,

    /** Log one warning per call site naming both contexts (the default). */
    WARN,

    /** Say nothing: the code means it (for example B's own transaction started on purpose). */
    ALLOW
}
