package dev.contextdb;

import dev.contextdb.internal.MoveEnd;
import dev.contextdb.internal.Settings;
import dev.contextdb.internal.move.Moves;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Moves one bounded context's tables, rows, sequences and migration history from where the
 * configuration puts it now to where a changed configuration puts it: {@code SHARED ↔ SCHEMA} on
 * the same server in one step, {@code SCHEMA ↔ DATABASE} (or to another server) by creating the
 * target with the context's own migrations, copying, verifying and switching. The application's
 * code does not change; after the move, the one property that says where the context lives does.
 *
 * <pre>{@code
 * ContextDb.Builder configuration = ContextDb.builder(model).strategy(IsolationStrategy.SHARED)
 *         .datasource("jdbc:postgresql://db/shop", "shop", secret);
 * ContextMove move = ContextMove.of(configuration, "inventory",
 *         target -> target.strategy(IsolationStrategy.SCHEMA));
 * ContextMove.Plan plan = move.plan();           // reads only: what moves, the steps, what blocks it
 * System.out.println(plan.describe());
 * ContextMove.Report report = move.run(System.out::println);   // or resumes an interrupted move
 * }</pre>
 *
 * The command line for this is the starter's {@code context-db:move} Maven goal (see the guide
 * "Moving a context").
 */
public final class ContextMove {

    private final MoveEnd from;
    private final MoveEnd to;

    private ContextMove(MoveEnd from, MoveEnd to) {
        this.from = from;
        this.to = to;
    }

    /**
     * @param configuration the application's configuration, where the context lives now
     * @param context the context to move
     * @param target what changes for it at the target, for example its strategy, or its
     *     {@code datasource} for {@code DATABASE}
     * @return the move; nothing is connected yet
     * @throws ContextDbConfigurationException when either configuration is invalid, or the context is not declared
     */
    public static ContextMove of(ContextDb.Builder configuration, String context, Consumer<ContextSettings> target) {
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(target, "target");
        ContextModel model = configuration.model();
        if (model.context(context).isEmpty()) {
            throw new ContextDbConfigurationException(context, "context",
                    "There is no context '" + context + "' to move; declared: " + model.names() + ".",
                    "name one of the declared contexts.");
        }
        Settings now = configuration.freeze();
        MoveEnd from = MoveEnd.of(model, now, context);
        configuration.context(context, target);
        MoveEnd to = MoveEnd.of(model, configuration.freeze(), context);
        return new ContextMove(from, to);
    }

    /**
     * Reads both ends and changes nothing (the dry run).
     * @return what belongs to the context, what will be done, and what blocks the move
     */
    public Plan plan() {
        return Moves.plan(from, to);
    }

    /**
     * Moves the context, or finishes a move that was interrupted. Refuses a blocked plan before
     * changing anything.
     * @param progress receives one line per step and, for long copies, rows per second and the time left
     * @return what was moved, per table
     * @throws MoveException when the move is blocked or a step fails; the message says how to resume or roll back
     */
    public Report run(Consumer<String> progress) {
        return Moves.run(from, to, progress);
    }

    /**
     * Undoes an unfinished move to another database: drops what it created at the target. The
     * source was never changed by such a move. A move on the same server is one step and needs
     * no rollback.
     * @param progress receives one line per step
     */
    public void rollback(Consumer<String> progress) {
        Moves.rollback(from, to, progress);
    }

    /**
     * After a finished move to another database, and after the application runs from the target:
     * drops the context's tables, sequences and history at the source. A separate, explicit step,
     * so that the source stays until you have checked the target.
     * @param progress receives one line per step
     */
    public void dropSource(Consumer<String> progress) {
        Moves.dropSource(from, to, progress);
    }

    /**
     * What a move will do.
     *
     * @param context the context
     * @param from where it lives now
     * @param to where it will live
     * @param objects what belongs to it at the source: tables, sequences, views, functions,
     *     triggers, grants, its migration history and its event tables, one line each
     * @param steps what will be done, in order
     * @param blockers why it cannot move (a foreign key or view that crosses contexts, an object
     *     whose owner cannot be decided); empty when it can
     */
    public record Plan(String context, Placement from, Placement to, List<String> objects, List<String> steps,
            List<String> blockers) {

        /**
         * Copies the lists.
         * @param context the context
         * @param from where it lives now
         * @param to where it will live
         * @param objects what belongs to it at the source
         * @param steps what will be done, in order
         * @param blockers why it cannot move; empty when it can
         */
        public Plan {
            objects = List.copyOf(objects);
            steps = List.copyOf(steps);
            blockers = List.copyOf(blockers);
        }

        /** @return whether something blocks the move */
        public boolean blocked() {
            return !blockers.isEmpty();
        }

        /** @return the plan as printed by the dry run */
        public String describe() {
            StringBuilder text = new StringBuilder("Move of context '" + context + "'\n  from " + from.describe()
                    + "\n  to   " + to.describe() + "\n");
            text.append("What belongs to it:\n");
            objects.forEach(object -> text.append("  - ").append(object).append('\n'));
            text.append("Steps:\n");
            for (int i = 0; i < steps.size(); i++) {
                text.append("  ").append(i + 1).append(". ").append(steps.get(i)).append('\n');
            }
            if (blocked()) {
                text.append("Blocked, nothing will be changed:\n");
                blockers.forEach(blocker -> text.append("  ! ").append(blocker).append('\n'));
            }
            return text.toString();
        }
    }

    /**
     * What a move did.
     *
     * @param context the context
     * @param from where it lived
     * @param to where it lives now
     * @param tables rows and checksum per table, as verified at both ends
     * @param elapsed how long the move took
     * @param sourceKept whether the rows were copied and the source kept: remove it with
     *     {@link ContextMove#dropSource} once the application runs at the target
     */
    public record Report(String context, Placement from, Placement to, List<Table> tables, Duration elapsed,
            boolean sourceKept) {

        /**
         * Copies the list.
         * @param context the context
         * @param from where it lived
         * @param to where it lives now
         * @param tables rows and checksum per table
         * @param elapsed how long the move took
         * @param sourceKept whether the source was kept
         */
        public Report {
            tables = List.copyOf(tables);
        }

        /** @return the final report: rows and checksum per table, and the time */
        public String describe() {
            StringBuilder text = new StringBuilder("Moved context '" + context + "' to " + to.describe() + " in "
                    + elapsed.toMillis() + " ms\n");
            tables.forEach(table -> text.append("  ").append(table.name()).append(": ").append(table.rows())
                    .append(" rows, checksum ").append(table.checksum()).append('\n'));
            return text.toString();
        }
    }

    /**
     * One table as moved.
     *
     * @param name the table
     * @param rows its rows, equal at both ends
     * @param checksum its rows' checksum, equal at both ends ({@code "same table"} when it moved without a copy)
     */
    public record Table(String name, long rows, String checksum) {
    }

    /**
     * A move that is blocked, or a step that failed: names the context, what is wrong, and how to
     * go on (run the move again to resume, roll it back, or remove the blocker).
     */
    public static final class MoveException extends ContextDbException {

        private static final long serialVersionUID = 1L;

        /**
         * @param context the context that moves
         * @param description what is wrong
         * @param action how to go on
         * @param cause the underlying failure, or {@code null}
         */
        public MoveException(String context, String description, String action, Throwable cause) {
            super(context, description, action, cause);
        }
    }
}
