package dev.contextdb.internal;

import java.util.ArrayDeque;

/**
 * The contexts whose transactions are open on the current thread, innermost last. Maintained by
 * {@link ContextTransactionManager}; read by the guard on every connection request, which costs
 * one thread-local read when no transaction is open.
 */
final class OpenTransactions {

    private static final ThreadLocal<ArrayDeque<String>> OPEN = new ThreadLocal<>();

    private OpenTransactions() {
    }

    static void opened(String context) {
        ArrayDeque<String> open = OPEN.get();
        if (open == null) {
            open = new ArrayDeque<>(4);
            OPEN.set(open);
        }
        open.addLast(context);
    }

    static void closed(String context) {
        ArrayDeque<String> open = OPEN.get();
        if (open != null) {
            open.removeLastOccurrence(context);
            if (open.isEmpty()) {
                OPEN.remove();
            }
        }
    }

    /** @return the innermost context other than {@code context} with an open transaction, or {@code null} */
    static String otherThan(String context) {
        ArrayDeque<String> open = OPEN.get();
        if (open == null) {
            return null;
        }
        var descending = open.descendingIterator();
        while (descending.hasNext()) {
            String candidate = descending.next();
            if (!candidate.equals(context)) {
                return candidate;
            }
        }
        return null;
    }

    /** @return whether any transaction of a context is open on this thread */
    static boolean any() {
        return OPEN.get() != null;
    }
}
