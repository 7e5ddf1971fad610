package dev.contextdb.internal.move;

import dev.contextdb.ContextMove;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.internal.MoveEnd;
import java.util.function.Consumer;

/**
 * Chooses how a context moves: on the same server between {@code SHARED} and {@code SCHEMA},
 * tables change schema ({@link SameServerMove}); anywhere else its data is copied
 * ({@link CopyMove}).
 */
public final class Moves {

    private Moves() {
    }

    /** @see ContextMove#plan() */
    public static ContextMove.Plan plan(MoveEnd from, MoveEnd to) {
        return sameServer(from, to) ? SameServerMove.plan(from, to) : CopyMove.plan(from, to);
    }

    /** @see ContextMove#run(Consumer) */
    public static ContextMove.Report run(MoveEnd from, MoveEnd to, Consumer<String> progress) {
        return sameServer(from, to) ? SameServerMove.run(from, to, progress) : CopyMove.run(from, to, progress);
    }

    /** @see ContextMove#rollback(Consumer) */
    public static void rollback(MoveEnd from, MoveEnd to, Consumer<String> progress) {
        if (sameServer(from, to)) {
            progress.accept("A move of '" + from.context() + "' on the same server is one step; there is nothing to"
                    + " roll back.");
            return;
        }
        CopyMove.rollback(from, to, progress);
    }

    /** @see ContextMove#dropSource(Consumer) */
    public static void dropSource(MoveEnd from, MoveEnd to, Consumer<String> progress) {
        if (sameServer(from, to)) {
            throw new ContextMove.MoveException(from.context(), "Context '" + from.context() + "' moves on the same"
                    + " server: its tables change schema, and nothing is left at the source to drop.", null, null);
        }
        CopyMove.dropSource(from, to, progress);
    }

    /** Both ends in one database of one server, neither under {@code DATABASE}. */
    static boolean sameServer(MoveEnd from, MoveEnd to) {
        return from.placement().strategy() != IsolationStrategy.DATABASE
                && to.placement().strategy() != IsolationStrategy.DATABASE
                && from.url().equals(to.url());
    }
}
