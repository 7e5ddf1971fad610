package dev.contextdb.internal;

/**
 * The thread-bound current context. Not API: use {@link dev.contextdb.ContextScope}.
 *
 * <p>The stack of entered contexts is the Java call stack: each entry remembers the context it
 * replaced and puts it back on exit, so nothing is allocated per entry.
 */
public final class CurrentContext {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private CurrentContext() {
    }

    /** @return the current context's name, or {@code null} outside every context */
    public static String get() {
        return CURRENT.get();
    }

    /**
     * Makes {@code context} current.
     * @return the context it replaced (possibly {@code null}), to hand to {@link #restore(String)}
     */
    public static String enter(String context) {
        String previous = CURRENT.get();
        CURRENT.set(context);
        return previous;
    }

    /**
     * Runs {@code work} with {@code context} current; when that leaves a context with an open
     * transaction, the transaction's synchronization is suspended for the work (see
     * {@link ForeignSynchronization}). The previous context is restored however the work ends.
     */
    public static <T, E extends Exception> T call(String context, dev.contextdb.ContextScope.Work<T, E> work) throws E {
        ForeignSynchronization suspended = ForeignSynchronization.suspendFor(context);
        String previous = enter(context);
        try {
            return work.call();
        } finally {
            restore(previous);
            if (suspended != null) {
                suspended.resume();
            }
        }
    }

    /** Puts back the context {@link #enter(String)} returned. */
    public static void restore(String previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
