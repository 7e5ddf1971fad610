package dev.contextdb.internal;

import dev.contextdb.ContextConventions;
import dev.contextdb.ContextDbMigrationException;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.Placement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.internal.exception.FlywayMigrateException;

/**
 * What a failed migration left behind, told so that the reader knows the context's state and what
 * to run. PostgreSQL rolls a failed script back as a whole; MariaDB and H2 commit every DDL
 * statement, so the statements before the failure stay, and Flyway records the script as failed:
 * each later start then fails validation until the leftovers are undone and the history repaired.
 * As a Flyway callback it notes the statements of the running script, to list what stays.
 */
final class MigrationFailure implements Callback {

    /** Statements that commit on MariaDB and H2: what ran before the last of them stays. */
    private static final Pattern COMMITS = Pattern.compile(
            "(?is)\\s*(?:--[^\\n]*\\n\\s*|/\\*.*?\\*/\\s*)*(create|alter|drop|rename|truncate|grant|revoke|lock|unlock)\\b.*");
    private static final Pattern MARIADB_CONNECTION = Pattern.compile("^\\(conn=\\d+\\)\\s*");
    private static final Pattern H2_STATEMENT = Pattern.compile(";\\s*SQL statement:$");
    private static final int SHOWN_STATEMENTS = 10;
    private static final int SHOWN_LENGTH = 120;

    private final Placement placement;
    private String script;
    private final List<String> statements = new ArrayList<>();
    private String failedStatement;

    MigrationFailure(Placement placement) {
        this.placement = placement;
    }

    /** @return the script that failed, if one did */
    String script() {
        return script;
    }

    /**
     * @param failure what Flyway threw
     * @param flyway the context's Flyway, to read the history the failure left
     * @return the failure told for the context: its state and the fix
     */
    ContextDbMigrationException explain(FlywayException failure, Flyway flyway) {
        List<MigrationInfo> failed = failedInHistory(flyway);
        if (failure instanceof FlywayValidateException && !failed.isEmpty()) {
            return failedEarlier(failed.get(0), failure);
        }
        String context = placement.context();
        StringBuilder message = new StringBuilder("Migration of context '").append(context).append("' failed")
                .append(script == null ? "" : " in script " + script).append(": ").append(rootMessage(failure));
        int line = failure instanceof FlywayMigrateException migrate ? migrate.getLineNumber() : -1;
        if (failedStatement != null || line > 0) {
            message.append(" (").append(line > 0 ? "line " + line : "statement")
                    .append(failedStatement == null ? "" : ": " + shown(failedStatement)).append(")");
        }
        message.append('.');
        if (script == null) {
            return new ContextDbMigrationException(context, null, message.toString(), failure);
        }
        MigrationInfo partly = failed.stream().filter(info -> script.equals(info.getScript())).findFirst().orElse(null);
        String action;
        if (partly == null) {
            message.append(' ').append(placement.vendor().displayName()).append(" rolled ").append(script)
                    .append(" back as a whole: context '").append(context).append("' is still at ")
                    .append(version(flyway)).append(" and its history has no entry for ").append(script).append('.');
            action = "correct " + script + " and restart; it runs again from its first statement.";
        } else {
            boolean inTransaction = !(failure instanceof FlywayMigrateException migrate)
                    || migrate.isExecutableInTransaction();
            int kept = inTransaction ? lastCommitting() + 1 : statements.size();
            message.append(' ').append(inTransaction ? placement.vendor().displayName() + " cannot roll back DDL"
                    : script + " ran outside a transaction").append(": ").append(script).append(" is partly applied,"
                    + " and the history of context '").append(context).append("' (").append(placement.historyTable())
                    .append(") records version ").append(partly.getVersion()).append(" as failed, so every start"
                    + " fails until it is repaired. Still applied: ").append(listed(statements.subList(0, kept), 1));
            if (kept < statements.size()) {
                message.append(". Rolled back: ").append(listed(statements.subList(kept, statements.size()), kept + 1));
            }
            message.append('.');
            action = "undo the statements still applied, correct " + script + ", run Flyway's repair on the history"
                    + " of context '" + context + "' (" + repair() + "), then restart.";
        }
        return new ContextDbMigrationException(context, script, message.toString(), action, failure);
    }

    /** A start after a script failed part-way, whose failed entry was never repaired. */
    private ContextDbMigrationException failedEarlier(MigrationInfo failed, FlywayException failure) {
        String context = placement.context();
        return new ContextDbMigrationException(context, failed.getScript(), "Migration of context '" + context
                + "' cannot start: its history (" + placement.historyTable() + ") records that version "
                + failed.getVersion() + " (" + failed.getScript() + ") failed part-way at an earlier start, and "
                + placement.vendor().displayName() + " kept what the script applied before it failed.",
                "undo what " + failed.getScript() + " applied (the error of that start lists it), run Flyway's repair"
                        + " on the history of context '" + context + "' (" + repair() + "), then restart.", failure);
    }

    /** The three ways to run Flyway's repair with this context's configuration. */
    private String repair() {
        String context = placement.context();
        String schema = placement.strategy() == IsolationStrategy.SHARED || placement.schema() == null ? ""
                : " -schemas=" + placement.schema();
        String table = ContextConventions.historyTable(context, placement.strategy());
        return "with Spring Boot, start once with context-db.flyway.enabled=false and call " + context
                + "Flyway.repair(); with the core, ContextDb.builder(...).migrate(false).build().flyway(\"" + context
                + "\").orElseThrow().repair(); or Flyway's command line: flyway repair" + schema
                + " -table=" + table + " -locations=" + String.join(",", placement.migrationLocations())
                + " with the context's URL and user";
    }

    private static List<MigrationInfo> failedInHistory(Flyway flyway) {
        try {
            List<MigrationInfo> failed = new ArrayList<>();
            for (MigrationInfo info : flyway.info().all()) {
                if (info.getState().isApplied() && info.getState().isFailed()) {
                    failed.add(info);
                }
            }
            return failed;
        } catch (FlywayException e) {
            // The history cannot be read (the database went away): the message loses the state, not the cause.
            return List.of();
        }
    }

    private static String version(Flyway flyway) {
        try {
            String version = null;
            for (MigrationInfo info : flyway.info().applied()) {
                if (!info.getState().isFailed() && info.getVersion() != null) {
                    version = info.getVersion().getVersion();
                }
            }
            return version == null || "0".equals(version) ? "no version (nothing applied)" : "version " + version;
        } catch (FlywayException e) {
            return "the version before it";
        }
    }

    private int lastCommitting() {
        for (int i = statements.size() - 1; i >= 0; i--) {
            if (COMMITS.matcher(statements.get(i)).matches()) {
                return i;
            }
        }
        return -1;
    }

    private static String listed(List<String> sql, int firstNumber) {
        if (sql.isEmpty()) {
            return "nothing";
        }
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < sql.size() && i < SHOWN_STATEMENTS; i++) {
            list.append(i == 0 ? "" : "; ").append('[').append(firstNumber + i).append("] ").append(shown(sql.get(i)));
        }
        if (sql.size() > SHOWN_STATEMENTS) {
            list.append("; and ").append(sql.size() - SHOWN_STATEMENTS).append(" more");
        }
        return list.toString();
    }

    private static String shown(String sql) {
        String flat = sql.strip().replaceAll("\\s+", " ");
        if (flat.endsWith(";")) {
            flat = flat.substring(0, flat.length() - 1);
        }
        return flat.length() <= SHOWN_LENGTH ? flat : flat.substring(0, SHOWN_LENGTH) + "…";
    }

    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.toString() : root.getMessage();
        String first = message.lines().findFirst().orElse(message).trim();
        // MariaDB's connection number differs at every start; H2's first line announces the
        // statement on its next line, which the message names anyway.
        return H2_STATEMENT.matcher(MARIADB_CONNECTION.matcher(first).replaceFirst("")).replaceFirst("");
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE_STATEMENT
                || event == Event.AFTER_EACH_MIGRATE_STATEMENT_ERROR || event == Event.AFTER_EACH_MIGRATE_ERROR;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        switch (event) {
            case BEFORE_EACH_MIGRATE -> {
                statements.clear();
                failedStatement = null;
            }
            case AFTER_EACH_MIGRATE_STATEMENT -> {
                if (context.getStatement() != null) {
                    statements.add(context.getStatement().getSql());
                }
            }
            case AFTER_EACH_MIGRATE_STATEMENT_ERROR -> {
                if (context.getStatement() != null) {
                    failedStatement = context.getStatement().getSql();
                }
            }
            case AFTER_EACH_MIGRATE_ERROR -> {
                if (context.getMigrationInfo() != null) {
                    script = context.getMigrationInfo().getScript();
                }
            }
            default -> { }
        }
    }

    @Override
    public String getCallbackName() {
        return "context-db migration failure";
    }
}
