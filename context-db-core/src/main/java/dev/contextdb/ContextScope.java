package dev.contextdb;

import dev.contextdb.internal.CurrentContext;
import java.util.Optional;

/**
 * Enters a bounded context explicitly for a unit of work on the current thread.
 *
 * <pre>{@code
 * ContextScope.run("orders", () -> orderRepository.save(order));
 * long count = ContextScope.call("catalog", () -> jdbc.sql("select count(*) from product").query(Long.class).single());
 * }</pre>
 *
 * While the work runs, the routing DataSource hands out the context's connections. The previous
 * context (or none) is restored when the work returns or throws. Scopes nest; entering is
 * allocation-free. A context's {@code @Transactional} methods and its transaction manager enter
 * the context themselves, so explicit scopes are for code outside every context (schedulers,
 * scripts, tests).
 *
 * <p>Work in another context is never part of the current context's transaction: entering a
 * different context suspends the open transaction's synchronization until the work returns.
 */
public final class ContextScope {

    private ContextScope() {
    }

    /**
     * Runs {@code action} with {@code context} current.
     * @param context a context name, for example {@code "orders"}
     * @param action the work
     * @param <E> what the work may throw
     * @throws E whatever the action throws, after the previous context is restored
     */
    public static <E extends Exception> void run(String context, Action<E> action) throws E {
        CurrentContext.call(requireName(context), () -> {
            action.run();
            return null;
        });
    }

    /**
     * Calls {@code work} with {@code context} current and returns its result.
     * @param context a context name, for example {@code "catalog"}
     * @param work the work
     * @param <T> the result type
     * @param <E> what the work may throw
     * @return the work's result
     * @throws E whatever the work throws, after the previous context is restored
     */
    public static <T, E extends Exception> T call(String context, Work<T, E> work) throws E {
        return CurrentContext.call(requireName(context), work);
    }

    /**
     * Makes {@code context} current until the returned entry is closed, for a unit of work that
     * starts and ends in two separate calls (a framework's before and after hooks, a benchmark's
     * set-up and tear-down) where {@link #run} cannot enclose it. Close it on the same thread, and
     * close nested entries first; try-with-resources does both.
     *
     * <pre>{@code
     * try (ContextScope.Entry entry = ContextScope.enter("orders")) {
     *     orderRepository.save(order);
     * }
     * }</pre>
     *
     * Prefer {@link #run} or {@link #call} wherever the work is one block: they cannot leak a context.
     * @param context a context name, for example {@code "orders"}
     * @return the entry whose {@link Entry#close()} restores the previous context
     */
    public static Entry enter(String context) {
        return new Entry(CurrentContext.open(requireName(context)));
    }

    /** @return the context current on this thread, if any */
    public static Optional<String> current() {
        return Optional.ofNullable(CurrentContext.get());
    }

    private static String requireName(String context) {
        if (context == null || context.isEmpty()) {
            throw new IllegalArgumentException("ContextScope needs a context name, for example ContextScope.run(\"orders\", ...)");
        }
        return context;
    }

    /** A context made current by {@link #enter(String)}; closing it restores the previous one. */
    public static final class Entry implements AutoCloseable {

        private Runnable exit;

        private Entry(Runnable exit) {
            this.exit = exit;
        }

        /** Restores the context that was current before; closing it again does nothing. */
        @Override
        public void close() {
            Runnable leaving = exit;
            exit = null;
            if (leaving != null) {
                leaving.run();
            }
        }
    }

    /**
     * Work without a result.
     *
     * @param <E> what it may throw
     */
    @FunctionalInterface
    public interface Action<E extends Exception> {
        /**
         * Does the work.
         *
         * @throws E on failure
         */
        void run() throws E;
    }

    /**
     * Work with a result.
     *
     * @param <T> the result
     * @param <E> what it may throw
     */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        /**
         * Does the work.
         *
         * @return the result
         * @throws E on failure
         */
        T call() throws E;
    }
}
