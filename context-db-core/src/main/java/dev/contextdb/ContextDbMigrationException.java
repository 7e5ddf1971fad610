package dev.contextdb;

/**
 * A context's migrations failed at startup. The message names the context and the script.
 */
public class ContextDbMigrationException extends RuntimeException {

    /** The context whose migration failed. */
    private final String context;
    /** The failing script, or {@code null}. */
    private final String script;

    /**
     * @param context the context whose migration failed
     * @param script the failing script, or {@code null} when the failure was outside any script
     * @param message what happened
     * @param cause the underlying failure
     */
    public ContextDbMigrationException(String context, String script, String message, Throwable cause) {
        super(message, cause);
        this.context = context;
        this.script = script;
    }

    /** @return the context whose migration failed */
    public String getContext() {
        return context;
    }

    /** @return the failing script, or {@code null} */
    public String getScript() {
        return script;
    }
}
