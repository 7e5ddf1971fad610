package dev.contextdb.internal;

import java.util.List;

/**
 * The one rule by which the routing DataSource and the routing transaction manager choose a
 * context: the current one, else {@code context-db.default-context}; and the one message for when
 * that leaves none, or an unknown one.
 */
final class ContextChoice {

    private ContextChoice() {
    }

    /**
     * @param current the current context, or {@code null}
     * @param defaultContext the default context, or {@code null}
     * @return the context to use, or {@code null} when there is none
     */
    static String of(String current, String defaultContext) {
        return current != null ? current : defaultContext;
    }

    /**
     * @param chosen what {@link #of} chose: {@code null}, or a name that is not a context
     * @param chooser what could not choose, for example {@code "routing DataSource"}
     * @param names the contexts
     * @return the error that says how to make a context current
     */
    static IllegalStateException unavailable(String chosen, String chooser, List<String> names) {
        if (chosen == null) {
            return new IllegalStateException("No bounded context is current on thread '" + Thread.currentThread().getName()
                    + "', so the " + chooser + " cannot choose a database. Enter one with ContextScope.run(\"<context>\","
                    + " ...), call the code through a bean or @Transactional method of its context, use the context's"
                    + " own DataSource or transaction manager, or set context-db.default-context. Contexts: " + names
                    + ".");
        }
        return new IllegalStateException("Unknown bounded context '" + chosen + "' is current on thread '"
                + Thread.currentThread().getName() + "'; known contexts: " + names
                + ". Check the name given to ContextScope.");
    }
}
