package dev.contextdb.boot;

import dev.contextdb.ContextDbMigrationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Startup report of a context's failed migration: the context, the script, and what to do. */
final class ContextDbMigrationFailureAnalyzer extends AbstractFailureAnalyzer<ContextDbMigrationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ContextDbMigrationException cause) {
        StringBuilder details = new StringBuilder(cause.getDescription());
        if (cause.getContext() != null) {
            details.append(System.lineSeparator()).append(System.lineSeparator()).append("    Context: ")
                    .append(cause.getContext());
            if (cause.getScript() != null) {
                details.append(System.lineSeparator()).append("    Script: ").append(cause.getScript());
            }
        }
        String context = cause.getContext() == null ? "the context" : "context '" + cause.getContext() + "'";
        String action = cause.getAction() != null ? cause.getAction()
                : "Correct " + (cause.getScript() == null ? "the migration" : cause.getScript()) + " of " + context
                        + " (or its database) and restart. Contexts migrated before it stay migrated; where the"
                        + " database could not roll the script back (MariaDB DDL), run repair() on the"
                        + (cause.getContext() == null ? " context's Flyway bean" : " " + cause.getContext() + "Flyway bean")
                        + " or clean up the partial changes first.";
        return new FailureAnalysis(details.toString(), action, cause);
    }
}
