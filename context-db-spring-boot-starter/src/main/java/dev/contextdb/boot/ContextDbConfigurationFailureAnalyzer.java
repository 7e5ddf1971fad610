package dev.contextdb.boot;

import dev.contextdb.ContextDbConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Startup report of invalid context-db settings or context declarations: what is wrong, the
 * context and the property, and the fix.
 */
final class ContextDbConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ContextDbConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ContextDbConfigurationException cause) {
        StringBuilder description = new StringBuilder(cause.getDescription());
        if (cause.getContext() != null || cause.getProperty() != null) {
            description.append(System.lineSeparator());
        }
        if (cause.getContext() != null) {
            description.append(System.lineSeparator()).append("    Context: ").append(cause.getContext());
        }
        if (cause.getProperty() != null) {
            description.append(System.lineSeparator()).append("    Property: ").append(cause.getProperty());
        }
        String action = cause.getAction() == null ? "Correct the context-db configuration." : capitalized(cause.getAction());
        return new FailureAnalysis(description.toString(), action, cause);
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
