package dev.contextdb.internal.move;

import dev.contextdb.internal.MoveEnd;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What belongs to a context at one end of a move: its tables, sequences, views, functions,
 * triggers, grants, migration history and event tables, and what blocks moving them (a foreign
 * key or view that crosses contexts, an object whose owner cannot be decided). Shared by both
 * kinds of move for their plans. Not built yet: the helper that owns this class replaces it.
 *
 * @param tables the context's tables (without history and event tables), unqualified, in foreign-key order
 * @param objects one line per object, as the plan prints it
 * @param blockers why the context cannot move, one line each; empty when it can
 */
record ContextObjects(List<String> tables, List<String> objects, List<String> blockers) {

    /**
     * @param end where the context lives
     * @param connection a connection to that end's database, as {@link MoveEnd#username()}
     * @return what belongs to the context there; reads only
     */
    static ContextObjects read(MoveEnd end, Connection connection) throws SQLException {
        throw new UnsupportedOperationException("not built yet");
    }
}
