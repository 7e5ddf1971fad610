package dev.contextdb;

/**
 * Invalid context-db configuration or context declarations, detected at startup before any SQL
 * runs with the bad value. The message names the context (where there is one), the property and
 * the fix; each part is also a field of its own, for tools that show them apart (the starter's
 * failure analyzer does).
 *
 * <pre>{@code
 * catch (ContextDbConfigurationException e) {
 *     e.getContext();       // "billing"
 *     e.getProperty();      // "context-db.contexts.billing.datasource.url"
 *     e.getDescription();   // "Context 'billing' uses strategy DATABASE but has no database of its own: ..."
 *     e.getAction();        // "set context-db.contexts.billing.datasource.url (and .username/.password) ..."
 *     e.getMessage();       // the description, then " Fix: " and the action
 * }
 * }</pre>
 */
public class ContextDbConfigurationException extends ContextDbException {

    /** The property or declaration at fault, or {@code null}. */
    private final String property;

    /**
     * @param context the context concerned, or {@code null}
     * @param property the property or declaration at fault, or {@code null}
     * @param description what is wrong
     * @param action how to fix it
     */
    public ContextDbConfigurationException(String context, String property, String description, String action) {
        this(context, property, description, action, null);
    }

    /**
     * @param context the context concerned, or {@code null}
     * @param property the property or declaration at fault, or {@code null}
     * @param description what is wrong
     * @param action how to fix it
     * @param cause the underlying failure, or {@code null}
     */
    public ContextDbConfigurationException(String context, String property, String description, String action,
            Throwable cause) {
        super(context, description, action, cause);
        this.property = property;
    }

    /** @return the property or declaration at fault, or {@code null} */
    public String getProperty() {
        return property;
    }
}
