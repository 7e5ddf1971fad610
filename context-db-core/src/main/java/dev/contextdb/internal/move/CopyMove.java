package dev.contextdb.internal.move;

import dev.contextdb.ContextConventions;
import dev.contextdb.ContextMove;
import dev.contextdb.ContextMove.MoveException;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.internal.MoveEnd;
import dev.contextdb.internal.Started;
import dev.contextdb.internal.Vendor;
import dev.contextdb.internal.events.EventSchema;
import dev.contextdb.internal.events.EventTables;
import dev.contextdb.internal.move.MoveJournal.Entry;
import dev.contextdb.internal.move.MoveJournal.Step;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Moves a context to another database (or from one): {@code SCHEMA ↔ DATABASE},
 * {@code SHARED ↔ DATABASE}, {@code DATABASE → DATABASE} on another server, PostgreSQL or MariaDB
 * at both ends. Each step is recorded in the {@link MoveJournal} at the target, so a rerun
 * resumes after the last one done:
 * <ol>
 * <li>prepare the target: create its database where missing, then start every context from the
 *     target's configuration exactly as the application would (roles and grants, schemas, the
 *     context's own migrations), create the event tables where the source has them, and list the
 *     tables the migrations made: these, in foreign-key order, are what is copied;</li>
 * <li>copy, table by table, after the context's outbox has drained ({@link RowCopy});</li>
 * <li>verify each table's row count and checksum at both ends ({@link RowChecksum});</li>
 * <li>set the target's counters to the source's ({@link Counters});</li>
 * <li>switch: check the context's migrations as the target's configuration sets them up, which
 *     must find nothing pending and validate clean, and record the move as finished.</li>
 * </ol>
 * The source is only read. {@link #dropSource} removes it later, once the journal says finished;
 * {@link #rollback} removes what the move made at the target.
 */
final class CopyMove {

    /** Called after each step is recorded in the journal; tests interrupt a move here. */
    static volatile Consumer<Step> afterStep = step -> { };

    /** Called after each table's rows are committed at the target; tests interrupt a copy here. */
    static volatile Consumer<String> afterTable = table -> { };

    /** How long the move waits for the context's outbox to drain before it copies. */
    static volatile Duration drainTimeout = Duration.ofMinutes(10);

    private static final String PENDING = "PENDING";
    private static final String COPIED = "COPIED";
    private static final String VERIFIED = "VERIFIED";

    private final MoveEnd from;
    private final MoveEnd to;
    private final Vendor vendor;
    private final Consumer<String> progress;
    private final String context;
    private final Map<String, TableShape> shapesRead = new java.util.HashMap<>();
    private Set<String> sourceTablesRead;
    /** The context's sequences behind no column, at the source, as its inventory lists them. */
    private List<String> sourceSequences = List.of();

    private CopyMove(MoveEnd from, MoveEnd to, Consumer<String> progress) {
        this.from = from;
        this.to = to;
        this.vendor = from.vendor();
        this.progress = progress;
        this.context = from.context();
    }

    static ContextMove.Plan plan(MoveEnd from, MoveEnd to) {
        return new CopyMove(from, to, line -> { }).plan();
    }

    static ContextMove.Report run(MoveEnd from, MoveEnd to, Consumer<String> progress) {
        return new CopyMove(from, to, progress).run();
    }

    static void rollback(MoveEnd from, MoveEnd to, Consumer<String> progress) {
        new CopyMove(from, to, progress).rollback();
    }

    static void dropSource(MoveEnd from, MoveEnd to, Consumer<String> progress) {
        new CopyMove(from, to, progress).dropSource();
    }

    // ---------------------------------------------------------------- plan

    private ContextMove.Plan plan() {
        List<String> blockers = new ArrayList<>();
        if (refused(blockers)) {
            return new ContextMove.Plan(context, from.placement(), to.placement(), List.of(), List.of(), blockers);
        }
        try (Connection source = from.connect(); Connection target = connectTarget()) {
            return plan(source, schemaOf(from, source), target);
        } catch (SQLException e) {
            return new ContextMove.Plan(context, from.placement(), to.placement(), List.of(), steps(null),
                    List.of(unreadable(e)));
        }
    }

    /**
     * The plan, read on the connections the move itself then uses.
     * @param target a connection to the target, or {@code null} when its database does not exist yet
     */
    private ContextMove.Plan plan(Connection source, String sourceSchema, Connection target) {
        List<String> objects = new ArrayList<>();
        List<String> blockers = new ArrayList<>();
        Step reached = null;
        try {
            objects.addAll(sourceObjects(source, sourceSchema, blockers));
            if (target != null) {
                String targetSchema = schemaOf(to, target);
                MoveJournal journal = journalAt(target, targetSchema);
                if (journal != null) {
                    reached = journal.step();
                } else if (!interruptedPreparation(target)) {
                    targetHoldsNothing(target, targetSchema, blockers);
                }
            }
        } catch (SQLException e) {
            blockers.add(unreadable(e));
        }
        return new ContextMove.Plan(context, from.placement(), to.placement(), objects, steps(reached), blockers);
    }

    private static String unreadable(SQLException e) {
        return "The move could not read its ends: " + e.getMessage() + " (SQLState " + e.getSQLState() + ").";
    }

    /** What refuses the move before a connection is opened. */
    private boolean refused(List<String> blockers) {
        if (from.vendor() == Vendor.H2 || to.vendor() == Vendor.H2) {
            blockers.add("Context '" + context + "' would move " + (from.vendor() == Vendor.H2 ? "from" : "to")
                    + " H2: moves are made for PostgreSQL and MariaDB; an embedded H2 database is re-created by"
                    + " its migrations at every start, so there is nothing to move.");
        } else if (from.vendor() != to.vendor()) {
            blockers.add("Context '" + context + "' lives on " + from.vendor().displayName() + " and would move to "
                    + to.vendor().displayName() + ": a move copies between databases of the same product, whose"
                    + " migrations and types are the same. Point the target at a " + from.vendor().displayName()
                    + " database.");
        }
        if (to.placement().strategy() == IsolationStrategy.DATABASE && !to.placement().reads().isEmpty()) {
            blockers.add("Context '" + context + "' reads " + to.placement().reads() + ", which it cannot do from a"
                    + " database of its own: remove the reads (call their API or use events) before the move.");
        }
        return !blockers.isEmpty();
    }

    private List<String> sourceObjects(Connection source, String sourceSchema, List<String> blockers)
            throws SQLException {
        List<String> objects = new ArrayList<>();
        try {
            ContextObjects inventory = ContextObjects.read(from, source);
            sourceSequences = inventory.items().stream().filter(item -> item.kind() == ContextObjects.Kind.SEQUENCE)
                    .map(ContextObjects.Item::name).toList();
            objects.addAll(inventory.objects());
            blockers.addAll(inventory.blockers());
        } catch (UnsupportedOperationException notYet) {
            // The inventory is read by the same-server move's class; until it reads, list the tables here.
            if (ownSchema(from)) {
                for (String table : sourceTables(source, sourceSchema)) {
                    objects.add("table " + sourceSchema + "." + table);
                }
            } else {
                objects.add("the tables its migrations create, in schema " + sourceSchema
                        + " (listed from the target once it is prepared)");
                objects.add("migration history " + from.placement().historyTable());
            }
        }
        EventTables events = EventTables.of(from.placement());
        if (sourceTables(source, sourceSchema).contains(events.outbox())) {
            objects.add("event tables " + events.outbox() + ", " + events.delivery() + ", " + events.inbox()
                    + " (moved with their rows; re-created at the target with history " + EventTables.of(to.placement())
                    .history() + ")");
        }
        return objects;
    }

    /** A target without a journal must not hold the context's tables already, nor, in a place of its own, any. */
    private void targetHoldsNothing(Connection target, String targetSchema, List<String> blockers) throws SQLException {
        Set<String> tables = TableShape.tables(target, targetSchema);
        if (ownSchema(to)) {
            if (!tables.isEmpty()) {
                blockers.add("The target " + where(to, targetSchema) + " already holds tables " + tables
                        + " and no move journal: a move copies into an empty place only. Drop them (or choose another"
                        + " " + (to.placement().strategy() == IsolationStrategy.DATABASE ? "database" : "schema")
                        + "), then run the move again.");
            }
        } else {
            String history = ContextConventions.historyTable(context, IsolationStrategy.SHARED);
            if (tables.contains(history)) {
                blockers.add("The shared schema " + targetSchema + " at the target already holds the migration history "
                        + history + " of context '" + context + "', and no move journal: the context's tables are there"
                        + " already. Drop them (with the history) or move to another database.");
            }
        }
    }

    private List<String> steps(Step reached) {
        List<String> steps = new ArrayList<>();
        String target = to.placement().describe();
        String done = " (done)";
        steps.add((to.placement().strategy() == IsolationStrategy.DATABASE ? "Create the database where missing, then"
                : "Set up") + " the target as the application would start it (roles, schema, the context's"
                + " migrations), with the event tables where the source has them: " + target
                + (reached != null ? done : ""));
        steps.add("Wait until the context's outbox has delivered everything; stop the application's writes to '"
                + context + "' now" + (after(reached, Step.COPIED) ? done : ""));
        steps.add("Copy every table in foreign-key order ("
                + (vendor == Vendor.POSTGRESQL ? "COPY streams" : "batched inserts") + "), reporting rows/s and time left"
                + (after(reached, Step.COPIED) ? done : ""));
        steps.add("Verify row counts and checksums at both ends" + (after(reached, Step.VERIFIED) ? done : ""));
        steps.add("Set sequences and identity counters to the source's" + (after(reached, Step.SYNCED) ? done : ""));
        steps.add("Switch: check the context's migrations with the target's configuration, as the application would"
                + " start (nothing may be pending, the history must validate), and record the move as finished in "
                + MoveJournal.name(to) + (after(reached, Step.FINISHED) ? done : ""));
        steps.add("Then: change the context's placement in the application's configuration and restart it; the source"
                + " stays until dropSource removes it");
        return steps;
    }

    private static boolean after(Step reached, Step step) {
        return reached != null && reached.compareTo(step) >= 0;
    }

    // ---------------------------------------------------------------- run

    private ContextMove.Report run() {
        long started = System.nanoTime();
        List<String> refusals = new ArrayList<>();
        if (refused(refusals)) {
            throw blocked(refusals);
        }
        Step step = null;
        Connection target = null;
        try (Connection source = from.connect()) {
            String sourceSchema = schemaOf(from, source);
            target = connectTarget();
            if (target != null && journalAt(target, schemaOf(to, target)) == null && interruptedPreparation(target)) {
                target.close();
                target = null;
                TargetServer.of(to).drop();
                progress.accept("A move of '" + context + "' was interrupted while it prepared database "
                        + TargetServer.of(to).database() + ", which it had created: dropped it, starting again.");
            }
            ContextMove.Plan plan = plan(source, sourceSchema, target);
            if (plan.blocked()) {
                throw blocked(plan.blockers());
            }
            if (target == null || journalAt(target, schemaOf(to, target)) == null) {
                step = Step.PREPARED;
                refuseWithoutMigrations();
                String created = null;
                if (target == null) {
                    TargetServer.of(to).create();
                    created = "database";
                    progress.accept("Created database " + TargetServer.of(to).database() + ".");
                    target = to.connect();
                }
                prepare(source, sourceSchema, target, created);
                afterStep.accept(Step.PREPARED);
            }
            String targetSchema = schemaOf(to, target);
            MoveJournal journal = journalAt(target, targetSchema);
            Step reached = journal.step();
            progress.accept("Move of '" + context + "': " + reached.name().toLowerCase(java.util.Locale.ROOT)
                    + " at " + where(to, targetSchema) + ".");
            try (EarlyChecksums checksums = reached.compareTo(Step.COPIED) < 0 ? new EarlyChecksums(from, to)
                    : null) {
                if (reached.compareTo(Step.COPIED) < 0) {
                    step = Step.COPIED;
                    drainOutbox(source, sourceSchema);
                    copy(source, sourceSchema, target, targetSchema, journal, checksums);
                    journal.reached(Step.COPIED);
                    afterStep.accept(Step.COPIED);
                }
                if (journal.step().compareTo(Step.VERIFIED) < 0) {
                    step = Step.VERIFIED;
                    verify(source, sourceSchema, target, targetSchema, journal, checksums);
                    journal.reached(Step.VERIFIED);
                    afterStep.accept(Step.VERIFIED);
                }
            }
            if (journal.step().compareTo(Step.SYNCED) < 0) {
                step = Step.SYNCED;
                sync(source, sourceSchema, target, targetSchema, journal);
                journal.reached(Step.SYNCED);
                afterStep.accept(Step.SYNCED);
            }
            if (journal.step().compareTo(Step.FINISHED) < 0) {
                step = Step.FINISHED;
                switchOver();
                journal.reached(Step.FINISHED);
                afterStep.accept(Step.FINISHED);
            }
            List<ContextMove.Table> tables = new ArrayList<>();
            for (Entry entry : journal.entries()) {
                tables.add(new ContextMove.Table(entry.table(), entry.rows() == null ? 0 : entry.rows(),
                        entry.checksum()));
            }
            ContextMove.Report report = new ContextMove.Report(context, from.placement(), to.placement(), tables,
                    Duration.ofNanos(System.nanoTime() - started), true);
            progress.accept(report.describe().stripTrailing());
            return report;
        } catch (SQLException e) {
            throw failed(step, e);
        } finally {
            closeQuietly(target);
        }
    }

    private MoveException blocked(List<String> blockers) {
        return new MoveException(context, "The move of context '" + context + "' is blocked, nothing was changed: "
                + String.join(" ", blockers), "remove what blocks it, then run the move again.", null);
    }

    private MoveException failed(Step step, Exception e) {
        String what = step == null ? "reading its ends" : switch (step) {
            case TARGET_STARTED, PREPARED -> "preparing the target";
            case COPIED -> "copying";
            case VERIFIED -> "verifying";
            case SYNCED -> "setting the counters";
            case FINISHED -> "switching";
        };
        String reason = e instanceof SQLException sql ? sql.getMessage() + " (SQLState " + sql.getSQLState() + ")"
                : e.getMessage();
        return new MoveException(context, "The move of context '" + context + "' failed while " + what + ": " + reason,
                "run the move again to resume it after the last step done, or roll it back; the source is unchanged.",
                e);
    }

    private MoveJournal journalAt(Connection target, String schema) throws SQLException {
        if (!TableShape.tables(target, schema).contains(MoveJournal.name(to))) {
            return null;
        }
        return MoveJournal.at(target, vendor, schema, to);
    }

    // ---------------------------------------------------------------- 1. prepare

    private void refuseWithoutMigrations() {
        if (!to.settings().migrate()) {
            throw new MoveException(context, "Context '" + context + "' would move, but the target's configuration"
                    + " does not migrate (context-db.flyway.enabled=false): the move creates the context's tables"
                    + " at the target with its own migrations.", "enable migrations for the move.", null);
        }
    }

    /**
     * @param target a connection to the target
     * @param createdDatabase {@code "database"} when the move has just created the target's database, else {@code null}
     */
    private void prepare(Connection source, String sourceSchema, Connection target, String createdDatabase)
            throws SQLException {
        String targetSchema = schemaOf(to, target);
        String created = createdDatabase == null && ownSchema(to) && !schemaExists(target, targetSchema) ? "schema"
                : createdDatabase;
        Set<String> before = TableShape.tables(target, targetSchema);
        EventTables sourceEvents = EventTables.of(from.placement());
        EventTables targetEvents = EventTables.of(to.placement());
        boolean events = sourceTables(source, sourceSchema).contains(sourceEvents.outbox());
        progress.accept("Starting the contexts from the target's configuration, as the application would: "
                + to.placement().describe());
        try (AutoCloseable closing = startTarget(events, targetEvents)) {
            // Closed at once: the start made the target's roles, schema and tables.
        } catch (MoveException e) {
            throw e;
        } catch (Exception e) {
            throw new MoveException(context, "Context '" + context + "' could not be set up at the target: "
                    + e.getMessage(), "fix the target's configuration, then run the move again (or roll it back).", e);
        }
        afterStep.accept(Step.TARGET_STARTED);
        Set<String> made = new LinkedHashSet<>(TableShape.tables(target, targetSchema));
        made.removeAll(before);
        made.remove(ContextConventions.historyTable(context, to.placement().strategy()));
        made.removeAll(List.of(targetEvents.outbox(), targetEvents.delivery(), targetEvents.inbox(),
                targetEvents.history(), MoveJournal.name(to)));
        Set<String> missing = new LinkedHashSet<>(made);
        missing.removeAll(sourceTables(source, sourceSchema));
        if (!missing.isEmpty()) {
            throw new MoveException(context, "The context's migrations create tables " + missing + " that "
                    + where(from, sourceSchema) + " does not have: the source is not at the migrations' version.",
                    "start the application once from the source (it migrates), roll this move back, and run it"
                            + " again.", null);
        }
        List<Entry> entries = new ArrayList<>();
        int order = 1;
        for (String table : TableShape.inForeignKeyOrder(target, vendor, targetSchema, made)) {
            entries.add(new Entry(table, table, order++, PENDING, null, null));
        }
        if (events) {
            entries.add(new Entry(targetEvents.outbox(), sourceEvents.outbox(), order++, PENDING, null, null));
            entries.add(new Entry(targetEvents.delivery(), sourceEvents.delivery(), order++, PENDING, null, null));
            entries.add(new Entry(targetEvents.inbox(), sourceEvents.inbox(), order, PENDING, null, null));
        }
        target.setAutoCommit(true);
        MoveJournal.at(target, vendor, targetSchema, to).create(created, entries);
        if ("database".equals(created)) {
            // The journal speaks for the move from here on (and was written only by this one).
            TargetServer.of(to).unmark();
        }
        progress.accept("Prepared " + where(to, targetSchema) + ": tables " + entries.stream().map(Entry::table)
                .toList() + "; journal " + MoveJournal.name(to) + ".");
    }

    /**
     * The source's tables, read once per run: the context's writes have stopped, and the move
     * itself makes none there.
     */
    private Set<String> sourceTables(Connection source, String sourceSchema) throws SQLException {
        if (sourceTablesRead == null) {
            sourceTablesRead = TableShape.tables(source, sourceSchema);
        }
        return sourceTablesRead;
    }

    private AutoCloseable startTarget(boolean events, EventTables targetEvents) {
        Started started = to.start();
        try {
            if (events) {
                Flyway flyway = (Flyway) started.flyways().apply(context);
                EventSchema.migrate(to.placement(), flyway, targetEvents, to.settings().classLoader());
            }
            return started::close;
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    // ---------------------------------------------------------------- 2. copy

    private void drainOutbox(Connection source, String sourceSchema) throws SQLException {
        progress.accept("Stop the application's writes to context '" + context + "' now: rows written to the source"
                + " from here on would not be moved (the verification would then stop the move).");
        EventTables events = EventTables.of(from.placement());
        if (!sourceTables(source, sourceSchema).contains(events.delivery())) {
            return;
        }
        String count = "select count(*) from " + vendor.quote(sourceSchema) + "." + vendor.quote(events.delivery())
                + " where status = '" + PENDING + "'";
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (true) {
            long pending;
            try (Statement statement = source.createStatement(); ResultSet row = statement.executeQuery(count)) {
                row.next();
                pending = row.getLong(1);
            }
            if (pending == 0) {
                progress.accept("The outbox of '" + context + "' has no pending deliveries.");
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new MoveException(context, "The outbox of context '" + context + "' still has " + pending
                        + " pending deliveries after " + drainTimeout.toSeconds() + " s.",
                        "let the application deliver them (its listeners must be running), then run the move again.",
                        null);
            }
            progress.accept("Waiting for " + pending + " pending deliveries of '" + context + "' to be delivered.");
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MoveException(context, "The move of context '" + context + "' was interrupted while"
                        + " waiting for its outbox.", "run the move again.", e);
            }
        }
    }

    private void copy(Connection source, String sourceSchema, Connection target, String targetSchema,
            MoveJournal journal, EarlyChecksums checksums) throws SQLException {
        List<Entry> pending = journal.entries().stream().filter(entry -> !entry.copied()).toList();
        target.setAutoCommit(false);
        source.setAutoCommit(false);
        // One snapshot of the source for every table: consistent across foreign keys even should a
        // writer still be running (the verification would catch it).
        source.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            List<DeferredConstraints> deferred = vendor == Vendor.POSTGRESQL ? journal.deferred() : List.of();
            if (vendor == Vendor.POSTGRESQL && deferred.isEmpty() && !pending.isEmpty()) {
                deferred = DeferredConstraints.read(target, targetSchema,
                        journal.entries().stream().map(Entry::table).toList());
                journal.defer(deferred);
                List<DeferredConstraints> foreignKeysFirst = new ArrayList<>(deferred);
                foreignKeysFirst.sort(java.util.Comparator.comparingInt(DeferredConstraints::kind).reversed());
                for (DeferredConstraints constraint : foreignKeysFirst) {
                    constraint.drop(target, targetSchema);
                }
            }
            if (vendor == Vendor.MARIADB) {
                // The source kept its foreign keys; checking each row again costs a look-up per row.
                try (Statement statement = target.createStatement()) {
                    statement.execute("set foreign_key_checks = 0");
                }
            }
            empty(target, targetSchema, pending);
            target.commit();
            KeyBuilder keys = new KeyBuilder(targetSchema, deferred);
            readShapes(source, sourceSchema, pending.stream().map(Entry::source).toList(), from);
            readShapes(target, targetSchema, pending.stream().map(Entry::table).toList(), to);
            List<TableShape[]> shapes = new ArrayList<>();
            for (Entry entry : pending) {
                TableShape sourceTable = shape(source, sourceSchema, entry.source(), from);
                TableShape targetTable = shape(target, targetSchema, entry.table(), to);
                if (!sourceTable.columns().containsAll(targetTable.columns())) {
                    List<String> missing = new ArrayList<>(targetTable.columns());
                    missing.removeAll(sourceTable.columns());
                    throw new MoveException(context, "Table " + entry.table() + " has columns " + missing
                            + " at the target that the source lacks: the source is not at the migrations' version.",
                            "start the application once from the source (it migrates), roll this move back, and"
                                    + " run it again.", null);
                }
                shapes.add(new TableShape[] {sourceTable, targetTable, null});
                checksums.source(entry.table(), sourceTable, targetTable);
            }
            copyTables(source, target, journal, pending, shapes, checksums, keys);
            if (!deferred.isEmpty()) {
                long start = System.nanoTime();
                keys.finish();
                for (DeferredConstraints constraint : deferred) {
                    if (constraint.kind() == 2) {
                        constraint.create(target, targetSchema);
                    }
                }
                journal.undefer();
                target.commit();
                progress.accept("Made " + deferred.size() + " foreign keys and indexes again, keys checked, in "
                        + (System.nanoTime() - start) / 1_000_000 + " ms.");
            }
            source.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(target);
            rollbackQuietly(source);
            throw e;
        } finally {
            if (vendor == Vendor.MARIADB) {
                try (Statement statement = target.createStatement()) {
                    statement.execute("set foreign_key_checks = 1");
                }
            }
            target.setAutoCommit(true);
            source.setAutoCommit(true);
        }
    }

    /**
     * Builds a table's keys and indexes again as soon as its rows are in, on a connection and a
     * thread of its own, while the next table is copied: one table's indexes one after the other,
     * as {@code pg_dump}'s are, beside the copy. {@link #finish} waits for them and builds what an
     * interrupted run left; the foreign keys follow, checked against the keys.
     */
    private final class KeyBuilder {

        private final String targetSchema;
        private final java.util.Map<String, List<DeferredConstraints>> byTable = new java.util.LinkedHashMap<>();
        private final ExecutorService builder = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "context-db-move-keys");
            thread.setDaemon(true);
            return thread;
        });
        private final List<CompletableFuture<Void>> built = new ArrayList<>();

        KeyBuilder(String targetSchema, List<DeferredConstraints> deferred) {
            this.targetSchema = targetSchema;
            for (DeferredConstraints constraint : deferred) {
                if (constraint.kind() == 1) {
                    byTable.computeIfAbsent(constraint.table(), table -> new ArrayList<>()).add(constraint);
                }
            }
        }

        synchronized void build(String table) {
            List<DeferredConstraints> keys = byTable.remove(table);
            if (keys != null) {
                built.add(CompletableFuture.runAsync(() -> create(keys), builder));
            }
        }

        void finish() throws SQLException {
            try {
                byTable.values().forEach(keys -> built.add(CompletableFuture.runAsync(() -> create(keys), builder)));
                CompletableFuture.allOf(built.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof SQLException sql) {
                    throw sql;
                }
                throw e;
            } finally {
                builder.shutdownNow();
            }
        }

        private void create(List<DeferredConstraints> keys) {
            try (Connection connection = to.connect()) {
                for (DeferredConstraints key : keys) {
                    key.create(connection, targetSchema);
                }
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }
    }

    /**
     * Copies the tables one after the other, on the move's own connections: the source's in the
     * snapshot the shapes were read in, the target's with its foreign keys off. Each table's rows
     * commit with its journal entry. Two tables at once measured no faster on the move benchmark (a
     * shared two-core machine holding both servers).
     */
    private void copyTables(Connection source, Connection target, MoveJournal journal, List<Entry> pending,
            List<TableShape[]> shapes, EarlyChecksums checksums, KeyBuilder keys) throws SQLException {
        RowCopy rowCopy = RowCopy.of(vendor, source, target);
        for (int i = 0; i < pending.size(); i++) {
            Entry entry = pending.get(i);
            TableShape sourceTable = shapes.get(i)[0];
            TableShape targetTable = shapes.get(i)[1];
            Rate rate = new Rate(entry.table(), estimate(source, sourceTable), progress);
            long rows = rowCopy.copy(source, target, sourceTable, targetTable, rate::copied);
            journal.mark(entry.table(), COPIED, rows, null);
            target.commit();
            rate.done(rows);
            checksums.target(entry.table(), targetTable);
            keys.build(targetTable.qualified(vendor));
            afterTable.accept(entry.table());
        }
    }

    /** Empties the tables not copied yet (the migrations' seed rows, or an interrupted copy's). */
    private void empty(Connection target, String targetSchema, List<Entry> pending) throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        try (Statement statement = target.createStatement()) {
            if (vendor == Vendor.POSTGRESQL) {
                statement.execute("truncate " + String.join(", ", pending.stream()
                        .map(entry -> vendor.quote(targetSchema) + "." + vendor.quote(entry.table())).toList()));
            } else {
                List<Entry> reversed = new ArrayList<>(pending);
                Collections.reverse(reversed);
                for (Entry entry : reversed) {
                    statement.execute("delete from " + vendor.quote(targetSchema) + "." + vendor.quote(entry.table()));
                }
            }
        }
    }

    private long estimate(Connection source, TableShape table) throws SQLException {
        String sql = vendor == Vendor.POSTGRESQL
                ? "select greatest(reltuples, 0)::bigint from pg_class where oid = ?::regclass"
                : "select table_rows from information_schema.tables where table_schema = ? and table_name = ?";
        try (PreparedStatement query = source.prepareStatement(sql)) {
            if (vendor == Vendor.POSTGRESQL) {
                query.setString(1, table.qualified(vendor));
            } else {
                query.setString(1, table.schema());
                query.setString(2, table.name());
            }
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    /** Reads the shapes of several tables at an end at once, for {@link #shape} to find. */
    private void readShapes(Connection connection, String schema, List<String> tables, MoveEnd end)
            throws SQLException {
        TableShape.read(connection, schema, tables).forEach((table, shape) ->
                shapesRead.put((end == from ? "source " : "target ") + schema + "." + table, shape));
    }

    /** A table's shape at an end, read once per run: the copy, the verification and the counters all need it. */
    private TableShape shape(Connection connection, String schema, String table, MoveEnd end) throws SQLException {
        String key = (end == from ? "source " : "target ") + schema + "." + table;
        TableShape shape = shapesRead.get(key);
        if (shape != null) {
            return shape;
        }
        shape = TableShape.read(connection, schema, table);
        if (shape == null) {
            throw new MoveException(context, "Table " + table + " is missing at " + where(end, schema) + ".",
                    "roll the move back and run it again.", null);
        }
        shapesRead.put(key, shape);
        return shape;
    }

    // ---------------------------------------------------------------- 3. verify

    private void verify(Connection source, String sourceSchema, Connection target, String targetSchema,
            MoveJournal journal, EarlyChecksums early) throws SQLException {
        ExecutorService other = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "context-db-move-verify");
            thread.setDaemon(true);
            return thread;
        });
        RowChecksum.Form form = vendor == Vendor.POSTGRESQL ? RowChecksum.form(source, target) : null;
        try {
            for (Entry entry : journal.entries()) {
                if (VERIFIED.equals(entry.state())) {
                    continue;
                }
                TableShape sourceTable = shape(source, sourceSchema, entry.source(), from);
                TableShape targetTable = shape(target, targetSchema, entry.table(), to);
                RowChecksum expected = early == null ? null : early.sourceOf(entry.table());
                RowChecksum atTarget = early == null ? null : early.targetOf(entry.table());
                if (expected == null || atTarget == null) {
                    // Each server sums its own rows, at the same time.
                    CompletableFuture<RowChecksum> atSource = CompletableFuture.supplyAsync(() -> {
                        try {
                            return RowChecksum.of(source, vendor, sourceTable, targetTable, form);
                        } catch (SQLException e) {
                            throw new CompletionException(e);
                        }
                    }, other);
                    atTarget = RowChecksum.of(target, vendor, targetTable, targetTable, form);
                    try {
                        expected = atSource.join();
                    } catch (CompletionException e) {
                        if (e.getCause() instanceof SQLException sql) {
                            throw sql;
                        }
                        throw e;
                    }
                }
                if (!expected.equals(atTarget)) {
                    // The table is copied again by the next run.
                    journal.mark(entry.table(), PENDING, null, null);
                    journal.reached(Step.PREPARED);
                    throw new MoveException(context, "Table " + entry.table() + " differs: the source has "
                            + expected.rows() + " rows (checksum " + expected.checksum() + "), the target "
                            + atTarget.rows() + " (checksum " + atTarget.checksum() + "). Something wrote to the"
                            + " source during the copy.", "stop the application's writes to '" + context
                            + "', then run the move again: it copies the table again.", null);
                }
                journal.mark(entry.table(), VERIFIED, atTarget.rows(), atTarget.checksum());
                progress.accept("Verified " + entry.table() + ": " + atTarget.rows() + " rows, checksum "
                        + atTarget.checksum() + " at both ends.");
            }
        } finally {
            other.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- 4. counters

    private void sync(Connection source, String sourceSchema, Connection target, String targetSchema,
            MoveJournal journal) throws SQLException {
        for (Entry entry : journal.entries()) {
            Map<String, String> synced = Counters.sync(vendor, source, target,
                    shape(source, sourceSchema, entry.source(), from), shape(target, targetSchema, entry.table(), to));
            synced.forEach((counter, value) -> progress.accept("Counter " + counter + " set: " + value + "."));
        }
        for (String sequence : sourceSequences) {
            String value = Counters.syncSequence(vendor, source, sourceSchema, target, targetSchema, sequence);
            progress.accept(value == null ? "Sequence " + sequence + " is not at the target (its migrations do not"
                    + " create it): not set." : "Sequence " + sequence + " set: " + value + ".");
        }
    }

    // ---------------------------------------------------------------- 5. switch

    /**
     * The proof that the application starts clean from the target's configuration, without starting
     * it once more: the context's Flyway, configured from that configuration as the start
     * configures it, finds nothing pending and validates the history. That is what a start decides
     * on (the roles, schema and pools it would set up were set up, from the same configuration, by
     * the preparation); a whole start measured 0.4 s on the move benchmark, this a tenth of it.
     */
    private void switchOver() {
        progress.accept("Checking the target with its configuration, as the application would start from it: "
                + to.placement().describe());
        Flyway flyway = (Flyway) to.flyway();
        if (flyway == null) {
            return;
        }
        // A pending migration fails the validation too (Flyway ignores only future ones by
        // default); its own message follows, as a start would have applied it.
        var validation = flyway.validateWithResult();
        if (!validation.validationSuccessful) {
            MigrationInfo[] pending = flyway.info().pending();
            if (pending.length > 0) {
                throw new MoveException(context, "Started from the target's configuration, context '" + context
                        + "' would apply " + pending.length + " migrations (" + String.join(", ",
                                java.util.Arrays.stream(pending).map(MigrationInfo::getScript).toList())
                        + "): its history at the target is not its migrations' version.",
                        "roll the move back and run it again.", null);
            }
            throw new MoveException(context, "The migration history of context '" + context + "' at the target"
                    + " does not validate: " + validation.getAllErrorMessages(), "roll the move back and run it again.",
                    null);
        }
        progress.accept("The target starts clean: nothing to migrate, history valid.");
    }

    // ---------------------------------------------------------------- rollback, dropSource

    private void rollback() {
        try {
            Connection target = connectTarget();
            if (target == null) {
                progress.accept("The target database of '" + context + "' does not exist: nothing to roll back.");
                return;
            }
            String created;
            List<Entry> entries;
            String targetSchema;
            try (target) {
                targetSchema = schemaOf(to, target);
                MoveJournal journal = journalAt(target, targetSchema);
                if (journal == null) {
                    if (interruptedPreparation(target)) {
                        target.close();
                        TargetServer.of(to).drop();
                        progress.accept("Dropped database " + TargetServer.of(to).database() + ", which a move"
                                + " interrupted while preparing it had created; the source was not changed.");
                        return;
                    }
                    progress.accept("There is no move journal of '" + context + "' at " + where(to, targetSchema)
                            + ": nothing to roll back.");
                    return;
                }
                if (journal.step() == Step.FINISHED) {
                    throw new MoveException(context, "The move of context '" + context + "' has finished; the"
                            + " application may already run from " + where(to, targetSchema) + ".",
                            "to go back, move the context again in the other direction.", null);
                }
                created = journal.created();
                entries = journal.entries();
                if (!"database".equals(created)) {
                    try (Statement statement = target.createStatement()) {
                        if ("schema".equals(created)) {
                            statement.execute((vendor == Vendor.MARIADB ? "drop database " : "drop schema ")
                                    + vendor.quote(targetSchema) + (vendor == Vendor.MARIADB ? "" : " cascade"));
                            progress.accept("Dropped " + where(to, targetSchema) + ", which the move created.");
                        } else {
                            dropObjects(statement, targetSchema, entries.stream().map(Entry::table).toList(), to);
                            journal.drop();
                            progress.accept("Dropped the tables of '" + context + "' at " + where(to, targetSchema)
                                    + ".");
                        }
                    }
                }
            }
            if ("database".equals(created)) {
                TargetServer.of(to).drop();
                progress.accept("Dropped database " + TargetServer.of(to).database() + ", which the move created.");
            }
            progress.accept("Rolled back; the source was not changed.");
        } catch (SQLException e) {
            throw new MoveException(context, "Rolling back the move of context '" + context + "' failed: "
                    + e.getMessage() + " (SQLState " + e.getSQLState() + ")", "run the rollback again.", e);
        }
    }

    private void dropSource() {
        try (Connection target = connectTarget()) {
            MoveJournal journal = target == null ? null : journalAt(target, schemaOf(to, target));
            if (journal == null || journal.step() != Step.FINISHED) {
                throw new MoveException(context, "The move of context '" + context + "' has not finished"
                        + (journal == null ? " (there is no move journal at the target)" : "")
                        + ": its source is all there is.", "run the move first; drop the source once it has finished.",
                        null);
            }
            List<String> sourceTables = journal.entries().stream().map(Entry::source).toList();
            try (Connection source = from.connect(); Statement statement = source.createStatement()) {
                String sourceSchema = schemaOf(from, source);
                if (from.placement().strategy() == IsolationStrategy.SCHEMA) {
                    statement.execute((vendor == Vendor.MARIADB ? "drop database " : "drop schema ")
                            + vendor.quote(sourceSchema) + (vendor == Vendor.MARIADB ? "" : " cascade"));
                    progress.accept("Dropped " + where(from, sourceSchema) + ".");
                } else {
                    dropObjects(statement, sourceSchema, sourceTables, from);
                    progress.accept("Dropped the tables, history and event tables of '" + context + "' at "
                            + where(from, sourceSchema) + ".");
                }
            }
            journal.drop();
            progress.accept("The move of '" + context + "' is complete; its journal is dropped.");
        } catch (SQLException e) {
            throw new MoveException(context, "Dropping the source of context '" + context + "' failed: "
                    + e.getMessage() + " (SQLState " + e.getSQLState() + ")", "run dropSource again.", e);
        }
    }

    /** Drops the given tables (children first), the context's migration history and its events' history. */
    /** The context's sequences behind no column at an end, as its inventory lists them. */
    private static List<String> ownSequences(MoveEnd end, Connection connection) throws SQLException {
        try {
            return ContextObjects.read(end, connection).items().stream()
                    .filter(item -> item.kind() == ContextObjects.Kind.SEQUENCE).map(ContextObjects.Item::name).toList();
        } catch (UnsupportedOperationException notYet) {
            return List.of();
        }
    }

    private void dropObjects(Statement statement, String schema, List<String> tables, MoveEnd end) throws SQLException {
        // Its sequences behind no column stay otherwise, and its migrations, run there again, would
        // fail to create them.
        for (String sequence : ownSequences(end, statement.getConnection())) {
            statement.execute("drop sequence if exists " + vendor.quote(schema) + "." + vendor.quote(sequence));
        }
        List<String> reversed = new ArrayList<>(tables);
        Collections.reverse(reversed);
        reversed.add(ContextConventions.historyTable(context, end.placement().strategy()));
        reversed.add(EventTables.of(end.placement()).history());
        for (String table : reversed) {
            statement.execute("drop table if exists " + vendor.quote(schema) + "." + vendor.quote(table)
                    + (vendor == Vendor.POSTGRESQL ? " cascade" : ""));
        }
    }

    // ---------------------------------------------------------------- ends

    /** A connection to the target, or {@code null} when its database does not exist yet. */
    /**
     * Whether the target is a database this context's move created and was still preparing when
     * it stopped: marked, and (as the caller checked) without a journal. Only then may a move
     * drop it as its own.
     */
    private boolean interruptedPreparation(Connection target) throws SQLException {
        return to.placement().strategy() == IsolationStrategy.DATABASE && TargetServer.of(to).marked(target);
    }

    private Connection connectTarget() throws SQLException {
        try {
            return to.connect();
        } catch (SQLException e) {
            if (to.placement().strategy() == IsolationStrategy.DATABASE && TargetServer.missingDatabase(e)) {
                return null;
            }
            throw e;
        }
    }

    /** The schema (MariaDB: database) the context's tables lie in at an end. */
    private static String schemaOf(MoveEnd end, Connection connection) throws SQLException {
        if (end.placement().schema() != null) {
            return end.placement().schema();
        }
        String sql = end.vendor() == Vendor.MARIADB ? "select database()" : "select current_schema()";
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    private static boolean schemaExists(Connection connection, String schema) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select 1 from information_schema.schemata where schema_name = ?")) {
            query.setString(1, schema);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    /** Whether the context's place at an end holds nothing but the context: a schema or database of its own. */
    private static boolean ownSchema(MoveEnd end) {
        return end.placement().strategy() != IsolationStrategy.SHARED;
    }

    private static String where(MoveEnd end, String schema) {
        return switch (end.placement().strategy()) {
            case DATABASE -> "the database of " + end.placement().url() + " (schema " + schema + ")";
            case SCHEMA -> (end.vendor() == Vendor.MARIADB ? "database " : "schema ") + schema + " of "
                    + end.placement().url();
            case SHARED -> "the shared schema " + schema + " of " + end.placement().url();
        };
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // The move's own outcome matters more.
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The failure being reported matters more.
        }
    }

    /** Rows per second and the time left of one table's copy, reported about every two seconds. */
    private static final class Rate {

        private final String table;
        private final long estimate;
        private final Consumer<String> progress;
        private final long started = System.nanoTime();
        private long lastReport = started;

        Rate(String table, long estimate, Consumer<String> progress) {
            this.table = table;
            this.estimate = estimate;
            this.progress = progress;
        }

        void copied(long rows) {
            long now = System.nanoTime();
            if (now - lastReport < 2_000_000_000L) {
                return;
            }
            lastReport = now;
            double perSecond = rows / ((now - started) / 1e9);
            String left = estimate > rows && perSecond > 0
                    ? ", about " + Math.round((estimate - rows) / perSecond) + " s left" : "";
            progress.accept("  " + table + ": " + rows + (estimate > 0 ? " of about " + estimate : "") + " rows, "
                    + Math.round(perSecond) + " rows/s" + left);
        }

        void done(long rows) {
            double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-3);
            progress.accept("Copied " + table + ": " + rows + " rows in " + String.format(java.util.Locale.ROOT,
                    "%.1f", seconds) + " s (" + Math.round(rows / seconds) + " rows/s).");
        }
    }
}
