package dev.contextdb;

/**
 * Invalid context-db configuration or context declarations, detected at startup before any SQL
 * runs with the bad value. The message names the context (where there is one), the property and
 * the fix.
 */
public class ContextDbConfigurationException extends RuntimeException {

    /** The context concerned, or {@code null}. */
    private final String context;
    /** The property or declaration at fault, or {@code null}. */
    private final String property;
    /** How to fix it. */
    private final String action;

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
        super(description + (action == null ? "" : " Fix: " + action), cause);
        this.context = context;
        this.property = property;
        this.action = action;
    }

    /** @return the context concerned, or {@code null} when the problem is not about one context */
    public String getContext() {
        return context;
    }

    /** @return the property or declaration at fault, or {@code null} */
    public String getProperty() {
        return property;
    }

    /** @return how to fix it */
    public String getAction() {
        return action;
    }

    /** @return what is wrong, without the fix */
    public String getDescription() {
        String message = getMessage();
        return action == null ? message : message.substring(0, message.length() - action.length() - " Fix: ".length());
    }
}
