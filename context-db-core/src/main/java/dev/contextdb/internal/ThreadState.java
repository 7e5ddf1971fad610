package dev.contextdb.internal;

import java.util.ArrayDeque;

/**
 * What context-db keeps for a thread, in one thread-local so that a routed {@code getConnection()}
 * reads it once for both questions it asks: which context is current, and whether another
 * context's transaction is open. It exists only while a context is current or a transaction is
 * open, and is removed when both end, so nothing of ours stays behind on a pooled thread.
 */
final class ThreadState {

    private static final ThreadLocal<ThreadState> STATE = new ThreadLocal<>();

    /** The current context, or {@code null}. */
    String current;

    /** The contexts with an open transaction, innermost last, or {@code null} when none is open. */
    ArrayDeque<String> open;

    /** The routing DataSource's last choice on this thread: the router, the context, its DataSource. */
    Object routedBy;
    String routedKey;
    ContextDataSource routedTo;

    private ThreadState() {
    }

    /** @return this thread's state, or {@code null} when no context is current and no transaction open */
    static ThreadState get() {
        return STATE.get();
    }

    /** @return this thread's state, created if it has none */
    static ThreadState obtain() {
        ThreadState state = STATE.get();
        if (state == null) {
            state = new ThreadState();
            STATE.set(state);
        }
        return state;
    }

    /** Removes the state from the thread once it holds nothing. */
    void releaseIfEmpty() {
        if (current == null && open == null) {
            STATE.remove();
        }
    }
}
