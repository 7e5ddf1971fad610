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
