package dev.contextdb;

/**
 * A context's migrations failed at startup. The message names the context, the script and, where
 * Flyway gives them, the line and statement; then the state the failure left (rolled back, or
 * partly applied with the statements that stay) and what to run, for example Flyway's repair. The
 * parts are also fields of their own, for tools that show them apart (the starter's failure
 * analyzer does).
 *
 * <pre>{@code
 * catch (ContextDbMigrationException e) {
 *     e.getContext();       // "orders"
 *     e.getScript();        // "V2__add_status.sql"
 *     e.getDescription();   // "Migration of context 'orders' failed in script V2__add_status.sql: ..."
 *     e.getAction();        // "undo the statements still applied, correct V2__add_status.sql, ..."
 * }
 * }</pre>
 */
public class ContextDbMigrationException extends ContextDbException {

    /** The failing script, or {@code null}. */
    private final String script;

    /**
     * A failure whose message carries no separate fix.
     * @param context the context whose migration failed
     * @param script the failing script, or {@code null} when the failure was outside any script
     * @param message what happened
     * @param cause the underlying failure
     */
    public ContextDbMigrationException(String context, String script, String message, Throwable cause) {
        this(context, script, message, null, cause);
    }

    /**
     * @param context the context whose migration failed, or {@code null}
     * @param script the failing script, or {@code null} when the failure was outside any script
     * @param description what happened and the state it left
     * @param action how to fix it, or {@code null}
     * @param cause the underlying failure
     */
    public ContextDbMigrationException(String context, String script, String description, String action,
            Throwable cause) {
        super(context, description, action, cause);
        this.script = script;
    }

    /** @return the failing script, or {@code null} */
    public String getScript() {
        return script;
    }
}
