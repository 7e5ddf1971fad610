package dev.contextdb.internal;

import java.util.ArrayDeque;

/**
 * The contexts whose transactions are open on the current thread, innermost last. Maintained by
 * {@link ContextTransactionManager}; read by the guard on every connection request from the
 * thread's {@link ThreadState}, which the routing DataSource has already read.
 */
final class OpenTransactions {

    private OpenTransactions() {
    }

    static void opened(String context) {
        ThreadState state = ThreadState.obtain();
        if (state.open == null) {
            state.open = new ArrayDeque<>(4);
        }
        state.open.addLast(context);
    }

    static void closed(String context) {
        ThreadState state = ThreadState.get();
        if (state != null && state.open != null) {
            state.open.removeLastOccurrence(context);
            if (state.open.isEmpty()) {
                state.open = null;
                state.releaseIfEmpty();
            }
        }
    }

    /**
     * @param state the thread's state, or {@code null}
     * @return the innermost context other than {@code context} with an open transaction, or {@code null}
     */
    static String otherThan(ThreadState state, String context) {
        if (state == null || state.open == null) {
            return null;
        }
        var descending = state.open.descendingIterator();
        while (descending.hasNext()) {
            String candidate = descending.next();
            if (!candidate.equals(context)) {
                return candidate;
            }
        }
        return null;
    }
}
