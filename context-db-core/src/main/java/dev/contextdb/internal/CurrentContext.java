package dev.contextdb.internal;

/**
 * The thread-bound current context. Not API: use {@link dev.contextdb.ContextScope}.
 *
 * <p>The stack of entered contexts is the Java call stack: each entry remembers the context it
 * replaced and puts it back on exit, so nothing is allocated per entry once the thread has its
 * {@link ThreadState}.
 */
public final class CurrentContext {

    private CurrentContext() {
    }

    /** @return the current context's name, or {@code null} outside every context */
    public static String get() {
        ThreadState state = ThreadState.get();
        return state == null ? null : state.current;
    }

    /**
     * Makes {@code context} current.
     * @return the context it replaced (possibly {@code null}), to hand to {@link #restore(String)}
     */
    public static String enter(String context) {
        ThreadState state = ThreadState.obtain();
        String previous = state.current;
        state.current = context;
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

    /**
     * Enters {@code context} as {@link #call} does, for a unit of work whose start and end are two
     * calls rather than one block.
     * @return what leaves it again: restores the previous context, then resumes what was suspended
     */
    public static Runnable open(String context) {
        ForeignSynchronization suspended = ForeignSynchronization.suspendFor(context);
        String previous = enter(context);
        return () -> {
            restore(previous);
            if (suspended != null) {
                suspended.resume();
            }
        };
    }

    /** Puts back the context {@link #enter(String)} returned. */
    public static void restore(String previous) {
        ThreadState state = previous == null ? ThreadState.get() : ThreadState.obtain();
        if (state != null) {
            state.current = previous;
            state.releaseIfEmpty();
        }
    }
}
