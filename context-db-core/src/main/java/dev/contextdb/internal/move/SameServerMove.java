package dev.contextdb.internal.move;

import dev.contextdb.ContextConventions;
import dev.contextdb.ContextMove;
import dev.contextdb.MigrationResult;
import dev.contextdb.internal.MoveEnd;
import dev.contextdb.internal.Started;
import dev.contextdb.internal.Vendor;
import dev.contextdb.internal.events.EventSchema;
import dev.contextdb.internal.events.EventTables;
import dev.contextdb.internal.move.ContextObjects.Item;
import dev.contextdb.internal.move.ContextObjects.Kind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Moves a context between {@code SHARED} and {@code SCHEMA} on one server, without copying a row:
 * its tables change schema.
 *
 * <ul>
 * <li>PostgreSQL: one transaction — the target schema, {@code ALTER … SET SCHEMA} for tables (their
 * indexes, constraints, owned sequences, triggers and grants go with them), sequences, views,
 * routines and types, the history and event tables renamed to the target's names. A failure
 * anywhere rolls all of it back.</li>
 * <li>MariaDB: DDL is not transactional. The definitions of the views, routines and triggers
 * (which cannot change database) are saved first in a journal table at the target; one
 * {@code RENAME TABLE} moves every table at once; the rest is dropped and created again from the
 * journal. Every step can run again, so a move interrupted anywhere finishes when it is run again.</li>
 * </ul>
 *
 * Before it changes anything the move waits for the context's outbox to drain; afterwards it starts
 * the application from the target configuration, which must migrate nothing and validate clean.
 */
final class SameServerMove {

    /** How long the move waits for the context's pending deliveries to reach their listeners. */
    static Duration drainTimeout = Duration.ofSeconds(30);
    /** PostgreSQL: how long a step waits for a lock the application holds before the move gives up. */
    static Duration lockTimeout = Duration.ofSeconds(10);
    /** Called after each step with its number and description: tests fail here to interrupt a move. */
    static Consumer<String> afterStep = step -> { };

    private SameServerMove() {
    }

    static ContextMove.Plan plan(MoveEnd from, MoveEnd to) {
        try (Connection connection = from.connect()) {
            Layout layout = Layout.read(from, to, connection);
            List<String> steps = new ArrayList<>();
            if (!layout.finished() && !layout.resuming() && layout.source().support().stream()
                    .anyMatch(item -> item.name().equals(EventTables.of(from.placement()).delivery()))) {
                steps.add("wait until no delivery of its outbox is pending (at most " + drainTimeout.toSeconds()
                        + " s; stop the application's writers to it first)");
            }
            boolean postgres = from.vendor() == Vendor.POSTGRESQL;
            if (postgres && !layout.steps().isEmpty()) {
                steps.add("begin one transaction: if any step up to the commit fails, nothing has changed");
            }
            layout.steps().forEach(step -> steps.add(step.description()));
            if (postgres && !layout.steps().isEmpty()) {
                steps.add("commit");
            }
            steps.add("start the application as the target configuration places it (roles, grants, migrations):"
                    + " it must migrate nothing and validate clean");
            return new ContextMove.Plan(from.context(), from.placement(), to.placement(), layout.objects(), steps,
                    layout.blockers());
        } catch (SQLException e) {
            throw failed(from, "reading what belongs to it", e);
        }
    }

    static ContextMove.Report run(MoveEnd from, MoveEnd to, Consumer<String> progress) {
        long started = System.nanoTime();
        String context = from.context();
        Layout layout;
        try (Connection connection = from.connect()) {
            lock(from, connection);
            layout = Layout.read(from, to, connection);
            if (!layout.blockers().isEmpty()) {
                throw new ContextMove.MoveException(context, "Context '" + context + "' cannot move from "
                        + from.placement().strategy() + " to " + to.placement().strategy() + "; nothing was changed:\n  "
                        + String.join("\n  ", layout.blockers()),
                        "remove what blocks it (drop or change the foreign key or view by a migration of the"
                                + " context that owns it), then run the move again.", null);
            }
            if (!layout.finished()) {
                if (!layout.resuming()) {
                    awaitDrained(from, layout, connection, progress);
                }
                perform(from, layout, connection, progress);
            } else {
                progress.accept("Context '" + context + "' has already moved to " + layout.target()
                        + "; checking the target.");
            }
            unlock(from, connection);
            List<ContextMove.Table> tables = new ArrayList<>();
            for (String table : layout.movedTables()) {
                tables.add(new ContextMove.Table(table, count(connection, from.vendor(), layout.target(), table),
                        "same table"));
            }
            progress.accept("Starting the application as the target configuration places '" + context
                    + "': it must migrate nothing and validate clean.");
            verify(to, layout);
            return new ContextMove.Report(context, from.placement(), to.placement(), tables,
                    Duration.ofNanos(System.nanoTime() - started), false);
        } catch (SQLException e) {
            throw failed(from, "moving it", e);
        }
    }

    private static void perform(MoveEnd from, Layout layout, Connection connection, Consumer<String> progress)
            throws SQLException {
        List<Step> steps = layout.steps();
        boolean postgres = from.vendor() == Vendor.POSTGRESQL;
        String context = from.context();
        if (postgres) {
            connection.setAutoCommit(false);
            int done = 0;
            try {
                Statements.execute(connection, "SET LOCAL lock_timeout = " + lockTimeout.toMillis());
                for (Step step : steps) {
                    progress.accept((done + 1) + "/" + steps.size() + " " + step.description());
                    step.action().run(connection);
                    done++;
                    afterStep.accept(done + " " + step.description());
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                String failedStep = done < steps.size() ? steps.get(done).description() : "committing";
                if (e instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
                    throw new ContextMove.MoveException(context, "Context '" + context + "' did not move: its tables"
                            + " are in use (no lock within " + lockTimeout.toSeconds() + " s at step '" + failedStep
                            + "'); the move was rolled back and nothing changed.",
                            "stop the application's writers to context '" + context + "' and run the move again.", e);
                }
                throw new ContextMove.MoveException(context, "Context '" + context + "' did not move: step '"
                        + failedStep + "' failed (" + e.getMessage() + "); the move was rolled back and nothing changed.",
                        "fix the cause and run the move again.", e);
            } finally {
                connection.setAutoCommit(true);
            }
            return;
        }
        int done = 0;
        try {
            for (Step step : steps) {
                progress.accept((done + 1) + "/" + steps.size() + " " + step.description());
                step.action().run(connection);
                done++;
                afterStep.accept(done + " " + step.description());
            }
        } catch (SQLException | RuntimeException e) {
            throw new ContextMove.MoveException(context, "The move of context '" + context + "' stopped at step "
                    + (done + 1) + " of " + steps.size() + " ('" + (done < steps.size() ? steps.get(done).description()
                            : "") + "'): " + e.getMessage() + ". MariaDB cannot undo DDL; what the move saved to finish"
                    + " is in " + layout.target() + "." + MariaDbSteps.journal(context) + ".",
                    "run the move again: it finishes from where it stopped.", e);
        }
    }

    /** The name of the server-wide lock a move of the context holds while it changes anything. */
    static String lockName(String context) {
        return "context-db move " + context;
    }

    /**
     * Takes the lock that keeps a second move of the same context off while this one runs (held by
     * the session, so a move that dies releases it), or refuses.
     */
    private static void lock(MoveEnd from, Connection connection) throws SQLException {
        String sql = from.vendor() == Vendor.POSTGRESQL ? "select pg_try_advisory_lock(hashtextextended(?, 0))"
                : "select GET_LOCK(?, 0)";
        try (PreparedStatement lock = connection.prepareStatement(sql)) {
            lock.setString(1, lockName(from.context()));
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                // PostgreSQL answers a boolean, MariaDB 1 (0 or null when it is taken).
                String taken = row.getString(1);
                if (!("t".equals(taken) || "true".equals(taken) || "1".equals(taken))) {
                    throw new ContextMove.MoveException(from.context(), "Another move of context '" + from.context()
                            + "' is running on this server; this one changed nothing.",
                            "wait for it to finish (or, if it hangs, end its session), then run the move again.", null);
                }
            }
        }
    }

    /** Releases the lock before the verifying start, which takes the application's own set-up lock. */
    private static void unlock(MoveEnd from, Connection connection) throws SQLException {
        String sql = from.vendor() == Vendor.POSTGRESQL ? "select pg_advisory_unlock(hashtextextended(?, 0))"
                : "select RELEASE_LOCK(?)";
        try (PreparedStatement unlock = connection.prepareStatement(sql)) {
            unlock.setString(1, lockName(from.context()));
            unlock.execute();
        }
    }

    /** Waits until no delivery of the context's outbox is pending, or refuses the move. */
    private static void awaitDrained(MoveEnd from, Layout layout, Connection connection, Consumer<String> progress)
            throws SQLException {
        String delivery = EventTables.of(from.placement()).delivery();
        if (layout.source().support().stream().noneMatch(item -> item.name().equals(delivery))) {
            return;
        }
        Vendor vendor = from.vendor();
        String sql = "select count(*) from " + vendor.quote(layout.source().schema()) + "." + vendor.quote(delivery)
                + " where status = 'PENDING'";
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        long pending = Statements.queryLong(connection, sql);
        if (pending > 0) {
            progress.accept("Waiting for " + pending + " pending deliveries of context '" + from.context()
                    + "' to reach their listeners.");
        }
        while (pending > 0) {
            if (System.nanoTime() > deadline) {
                throw new ContextMove.MoveException(from.context(), "Context '" + from.context() + "' still has "
                        + pending + " deliveries pending in its outbox after " + drainTimeout.toSeconds()
                        + " s; nothing was changed.",
                        "stop the application's writers to context '" + from.context() + "' and let its listeners"
                                + " catch up (or mark what cannot be delivered dead), then run the move again.", null);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContextMove.MoveException(from.context(), "The move of context '" + from.context()
                        + "' was interrupted while waiting for its outbox to drain; nothing was changed.",
                        "run the move again.", e);
            }
            pending = Statements.queryLong(connection, sql);
        }
    }

    /**
     * Starts the application as the target places it: roles, grants and migrations as a start
     * does them. The context's migrations must find nothing to do, and its event tables' history
     * (where it has event tables) must validate and have nothing pending.
     */
    private static void verify(MoveEnd to, Layout layout) {
        String context = to.context();
        Started started;
        try {
            started = to.start();
        } catch (RuntimeException e) {
            throw new ContextMove.MoveException(context, "Context '" + context + "' has moved to " + layout.target()
                    + ", but the application does not start from the target configuration: " + e.getMessage(),
                    "fix the cause; the data is in place, and running the move again checks the target again.", e);
        }
        try {
            MigrationResult result = started.migrations().get(context);
            if (result != null && result.applied() > 0) {
                throw new ContextMove.MoveException(context, "Context '" + context + "' has moved to "
                        + layout.target() + ", but its first start there applied " + result.applied()
                        + " migrations: its history did not move whole, or the application has migrations the source"
                        + " had not run yet.", "compare " + result.historyTable() + " with the context's migrations;"
                        + " before a move, start the application once where the context is, so that it is up to date.",
                        null);
            }
            EventTables tables = EventTables.of(to.placement());
            Object flyway = started.flyways().apply(context);
            if (flyway != null && layout.movedTables().contains(tables.history())) {
                // A script of the events newer than the moved tables is not the move's concern: the
                // event engine applies it at its start. A changed or missing one is.
                Flyway events = EventSchema.configure(to.placement(), (Flyway) flyway, tables,
                        to.settings().classLoader()).ignoreMigrationPatterns("*:pending").load();
                ValidateResult validation = events.validateWithResult();
                if (!validation.validationSuccessful) {
                    throw new ContextMove.MoveException(context, "Context '" + context + "' has moved to "
                            + layout.target() + ", but the history of its event tables (" + tables.history()
                            + ") does not validate there: " + validation.getAllErrorMessages(),
                            "compare it with the source's history.", null);
                }
            }
        } finally {
            started.close();
        }
    }

    private static long count(Connection connection, Vendor vendor, String schema, String table) throws SQLException {
        return Statements.queryLong(connection, "select count(*) from " + vendor.quote(schema) + "."
                + vendor.quote(table));
    }

    private static ContextMove.MoveException failed(MoveEnd from, String doing, SQLException e) {
        return new ContextMove.MoveException(from.context(), "Moving context '" + from.context() + "' failed while "
                + doing + ": " + e.getMessage() + " (SQLState " + e.getSQLState() + ").",
                "check that " + from.username() + " may read the catalog and alter the context's objects, then run"
                        + " the move again.", e);
    }

    /** One step of a move: what it says it does, and what it does. */
    record Step(String description, Statements.Action action) {
    }

    /**
     * Where the context is and where it goes: its objects at the source, the target schema, the
     * names that change, the steps, what blocks the move — or that it is half done (MariaDB, from
     * the journal) or done.
     *
     * @param source what belongs to the context at the source
     * @param target the target schema (MariaDB: database)
     * @param renames tables whose names change (history and event tables), source name to target name
     * @param steps what the move does, in order
     * @param blockers why it cannot
     * @param objects what the plan lists
     * @param resuming whether an interrupted move is being finished
     * @param finished whether the move has been done already
     */
    record Layout(ContextObjects source, String target, Map<String, String> renames, List<Step> steps,
            List<String> blockers, List<String> objects, boolean resuming, boolean finished) {

        static Layout read(MoveEnd from, MoveEnd to, Connection connection) throws SQLException {
            connection.setAutoCommit(true);
            String context = from.context();
            Catalog catalog = Catalog.of(from.vendor(), connection);
            String sourceSchema = from.placement().schema() != null ? from.placement().schema()
                    : catalog.currentSchema();
            String target = to.placement().schema() != null ? to.placement().schema() : catalog.currentSchema();
            Map<String, String> renames = renames(from, to);
            String fromHistory = ContextConventions.historyTable(context, from.placement().strategy());
            String toHistory = ContextConventions.historyTable(context, to.placement().strategy());
            if (sourceSchema.equals(target)) {
                throw new ContextMove.MoveException(context, "Context '" + context + "' is in schema " + target
                        + " at both ends of the move: there is nothing to move.", "give the target its own schema"
                        + " (context-db.contexts." + context + ".schema), or leave the context where it is.", null);
            }
            if (from.vendor() == Vendor.MARIADB) {
                MariaDbSteps.Journal journal = MariaDbSteps.Journal.read(connection, target, context);
                if (journal != null) {
                    List<String> objects = new ArrayList<>();
                    journal.source().items().forEach(item -> objects.add(item.describe()));
                    journal.source().support().forEach(item -> objects.add(item.describe()));
                    objects.add("(an interrupted move, to be finished from the journal "
                            + target + "." + MariaDbSteps.journal(context) + ")");
                    return new Layout(journal.source(), target, renames,
                            MariaDbSteps.steps(from, to, journal.source(), target, renames, true), List.of(), objects,
                            true, false);
                }
            }
            boolean atTarget = catalog.exists(target) && catalog.relationNames(target).contains(toHistory);
            boolean atSource = catalog.relationNames(sourceSchema).contains(fromHistory);
            if (atTarget && !atSource) {
                ContextObjects there = ContextObjects.read(to, connection);
                return new Layout(there, target, renames, List.of(), List.of(), there.objects(), false, true);
            }
            ContextObjects source = ContextObjects.read(from, connection);
            List<String> blockers = new ArrayList<>(source.blockers());
            if (from.vendor() == Vendor.MARIADB && from.placement().schema() != null) {
                // Scheduled events cannot change database, and RENAME TABLE would leave them behind.
                for (String event : catalog.names("select event_name from information_schema.events"
                        + " where event_schema = ? order by 1", sourceSchema)) {
                    blockers.add("Event " + sourceSchema + "." + event + " (MariaDB's scheduled SQL) would stay behind:"
                            + " drop it before the move and create it again after it.");
                }
            }
            if (catalog.exists(target)) {
                Set<String> taken = catalog.relationNames(target);
                Set<String> targetKeys = new HashSet<>();
                catalog.items(target).forEach(item -> targetKeys.add(item.kind() == Kind.TRIGGER
                        ? "trigger:" + item.name() : ContextObjects.key(item)));
                for (Item item : source.items()) {
                    String key = item.kind() == Kind.TRIGGER ? "trigger:" + item.name() : ContextObjects.key(item);
                    // Triggers are named per schema on MariaDB only; PostgreSQL names them per table.
                    boolean named = item.kind() == Kind.ROUTINE || item.kind() == Kind.TYPE
                            || (item.kind() == Kind.TRIGGER && from.vendor() == Vendor.MARIADB);
                    boolean clash = item.kind().relation() ? taken.contains(item.name())
                            : named && targetKeys.contains(key);
                    if (clash) {
                        blockers.add(clash(target, item.describe(), context));
                    }
                }
                for (Item item : source.support()) {
                    String name = renames.getOrDefault(item.name(), item.name());
                    if (taken.contains(name) || taken.contains(item.name())) {
                        blockers.add(clash(target, item.kind().label + " " + name, context));
                    }
                }
            }
            List<Step> steps = from.vendor() == Vendor.POSTGRESQL
                    ? PostgresSteps.steps(from, to, source, target, renames, catalog.exists(target))
                    : MariaDbSteps.steps(from, to, source, target, renames, false);
            return new Layout(source, target, renames, steps, blockers, source.objects(), false, false);
        }

        private static String clash(String target, String what, String context) {
            return "The target " + target + " already holds the " + what + " of the same name as context '" + context
                    + "''s (was the application started with the target configuration? If what is there holds"
                    + " nothing you need, drop it).";
        }

        /** The history and event tables' names at the source, to their names at the target. */
        private static Map<String, String> renames(MoveEnd from, MoveEnd to) {
            Map<String, String> renames = new LinkedHashMap<>();
            String context = from.context();
            renames.put(ContextConventions.historyTable(context, from.placement().strategy()),
                    ContextConventions.historyTable(context, to.placement().strategy()));
            EventTables before = EventTables.of(from.placement());
            EventTables after = EventTables.of(to.placement());
            renames.put(before.outbox(), after.outbox());
            renames.put(before.delivery(), after.delivery());
            renames.put(before.inbox(), after.inbox());
            renames.put(before.history(), after.history());
            return renames;
        }

        /** @return every table at the target once the move is done, under its target name */
        List<String> movedTables() {
            List<String> tables = new ArrayList<>(source.tables());
            source.support().forEach(item -> tables.add(finished ? item.name()
                    : renames.getOrDefault(item.name(), item.name())));
            return tables;
        }
    }
}
