package dev.contextdb;

/**
 * What context-db reports when a context cannot start: which context, what is wrong and how to fix
 * it, each a field of its own for tools that show them apart (the starter's failure analyzers do);
 * the message is the description, then {@code " Fix: "} and the action. Its kinds are
 * {@link ContextDbConfigurationException} (here) and {@code ContextDbMigrationException} (in
 * context-db-core, which runs the migrations).
 *
 * <pre>{@code
 * catch (ContextDbException e) {
 *     log.error("{}: {} -> {}", e.getContext(), e.getDescription(), e.getAction());
 * }
 * }</pre>
 *
 * @see ContextDbConfigurationException
 */
public abstract class ContextDbException extends RuntimeException {

    /** The context concerned, or {@code null}. */
    private final String context;
    /** What is wrong. */
    private final String description;
    /** How to fix it, or {@code null}. */
    private final String action;

    /**
     * @param context the context concerned, or {@code null}
     * @param description what is wrong
     * @param action how to fix it, or {@code null}
     * @param cause the underlying failure, or {@code null}
     */
    protected ContextDbException(String context, String description, String action, Throwable cause) {
        super(description + (action == null ? "" : " Fix: " + action), cause);
        this.context = context;
        this.description = description;
        this.action = action;
    }

    /** @return the context concerned, or {@code null} when the problem is not about one context */
    public String getContext() {
        return context;
    }

    /** @return what is wrong, without the fix */
    public String getDescription() {
        return description;
    }

    /** @return how to fix it, or {@code null} when there is no fix of its own */
    public String getAction() {
        return action;
    }
}
