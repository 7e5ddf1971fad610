package dev.contextdb.internal.move;

import dev.contextdb.IsolationStrategy;
import dev.contextdb.internal.MoveEnd;
import dev.contextdb.internal.Vendor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What a move to another database has done so far, kept at the target, next to the context's
 * tables: {@code cdb_move_journal} in the context's schema or database ({@code
 * cdb_move_journal_<context>} in the shared schema under {@code SHARED}, as the event tables are
 * named). One row for the move (the step it reached, and whether it created the target's database
 * or schema, which a rollback then drops), one row per table (its source, and from the copy on its
 * rows and checksum). The journal is written once the target's migrations have run (Flyway refuses
 * a schema that holds a table but no history), and in the same transaction as each table's rows,
 * so a rerun skips exactly what is done. It stays after the move has finished, until
 * {@code dropSource} has removed the source; rolling back drops it with the rest.
 *
 * @param target the target's connection, in auto-commit unless a copy holds it
 * @param vendor the target's database
 * @param table the journal, qualified
 */
record MoveJournal(Connection target, Vendor vendor, String table) {

    /** The steps, in order; the journal records the last one completed. */
    enum Step {
        /**
         * Never recorded: the target was set up (migrated) and the journal not yet written. A
         * database the move created is marked until the journal exists ({@link TargetServer#mark}),
         * so that a move interrupted here drops it and starts again.
         */
        TARGET_STARTED,
        PREPARED, COPIED, VERIFIED, SYNCED, FINISHED
    }

    /** The move's own row; table names are never this (it is no plain identifier). */
    private static final String MOVE = "*move*";
    /** The state of a key or index dropped for the copy, to be made again after it. */
    private static final String DEFERRED = "DEFERRED";

    /** One table of the move, in copy order. */
    record Entry(String table, String source, int order, String state, Long rows, String checksum) {
        boolean copied() {
            return !"PENDING".equals(state);
        }
    }

    /** @return the journal's name at {@code end}, unqualified */
    static String name(MoveEnd end) {
        return end.placement().strategy() == IsolationStrategy.SHARED ? "cdb_move_journal_" + end.context()
                : "cdb_move_journal";
    }

    static MoveJournal at(Connection target, Vendor vendor, String schema, MoveEnd end) {
        return new MoveJournal(target, vendor, vendor.quote(schema) + "." + vendor.quote(name(end)));
    }

    /** Creates the journal with the move's row and one row per table, all in one transaction. */
    void create(String createdWhat, List<Entry> tables) throws SQLException {
        String text = "varchar(250)";
        try (Statement statement = target.createStatement()) {
            statement.execute("create table " + table + " (item " + text + " not null primary key, source_table "
                    + text + ", copy_order integer not null, state varchar(20) not null, row_count bigint,"
                    + " checksum varchar(100), created varchar(20), definition text)");
        }
        boolean autoCommit = target.getAutoCommit();
        target.setAutoCommit(false);
        try (PreparedStatement insert = target.prepareStatement("insert into " + table
                + " (item, source_table, copy_order, state, created) values (?, ?, ?, ?, ?)")) {
            insert.setString(1, MOVE);
            insert.setString(2, null);
            insert.setInt(3, 0);
            insert.setString(4, Step.PREPARED.name());
            insert.setString(5, createdWhat);
            insert.addBatch();
            for (Entry entry : tables) {
                insert.setString(1, entry.table());
                insert.setString(2, entry.source());
                insert.setInt(3, entry.order());
                insert.setString(4, "PENDING");
                insert.setString(5, null);
                insert.addBatch();
            }
            insert.executeBatch();
            target.commit();
        } finally {
            target.setAutoCommit(autoCommit);
        }
    }

    /** @return the step the move reached */
    Step step() throws SQLException {
        return Step.valueOf(queryMove("state"));
    }

    /** @return what the move created at the target: {@code "database"}, {@code "schema"} or {@code null} */
    String created() throws SQLException {
        return queryMove("created");
    }

    private String queryMove(String column) throws SQLException {
        try (PreparedStatement query = target.prepareStatement("select " + column + " from " + table + " where item = ?")) {
            query.setString(1, MOVE);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("The move journal " + table + " has no row for the move");
                }
                return row.getString(1);
            }
        }
    }

    /** Records a step as completed; commits with whatever the connection's transaction holds. */
    void reached(Step step) throws SQLException {
        try (PreparedStatement update = target.prepareStatement("update " + table + " set state = ? where item = ?")) {
            update.setString(1, step.name());
            update.setString(2, MOVE);
            update.executeUpdate();
        }
    }

    /** @return the tables, in copy order */
    List<Entry> entries() throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (PreparedStatement query = target.prepareStatement("select item, source_table, copy_order, state,"
                + " row_count, checksum from " + table + " where item <> ? and state <> ? order by copy_order")) {
            query.setString(1, MOVE);
            query.setString(2, DEFERRED);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long count = rows.getLong(5);
                    entries.add(new Entry(rows.getString(1), rows.getString(2), rows.getInt(3), rows.getString(4),
                            rows.wasNull() ? null : count, rows.getString(6)));
                }
            }
        }
        return entries;
    }

    /** Records a table's state, in the connection's transaction (with the table's rows, for a copy). */
    void mark(String item, String state, Long rows, String checksum) throws SQLException {
        try (PreparedStatement update = target.prepareStatement("update " + table
                + " set state = ?, row_count = ?, checksum = ? where item = ?")) {
            update.setString(1, state);
            if (rows == null) {
                update.setNull(2, java.sql.Types.BIGINT);
            } else {
                update.setLong(2, rows);
            }
            update.setString(3, checksum);
            update.setString(4, item);
            update.executeUpdate();
        }
    }

    /** Records keys and indexes dropped for the copy, in the transaction that drops them. */
    void defer(List<DeferredConstraints> constraints) throws SQLException {
        try (PreparedStatement insert = target.prepareStatement("insert into " + table
                + " (item, source_table, copy_order, state, checksum, definition) values (?, ?, ?, ?, ?, ?)")) {
            for (DeferredConstraints constraint : constraints) {
                insert.setString(1, "deferred:" + constraint.table() + ":" + constraint.name());
                insert.setString(2, constraint.table());
                insert.setInt(3, constraint.kind());
                insert.setString(4, DEFERRED);
                insert.setString(5, constraint.name());
                insert.setString(6, constraint.sql());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** @return the keys and indexes dropped for the copy and not made again yet: keys and indexes first */
    List<DeferredConstraints> deferred() throws SQLException {
        List<DeferredConstraints> deferred = new ArrayList<>();
        try (PreparedStatement query = target.prepareStatement("select source_table, checksum, copy_order, definition"
                + " from " + table + " where state = ? order by copy_order, item")) {
            query.setString(1, DEFERRED);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    deferred.add(new DeferredConstraints(rows.getString(1), rows.getString(2), rows.getInt(3),
                            rows.getString(4)));
                }
            }
        }
        return deferred;
    }

    /** Forgets the keys and indexes, made again, in the transaction that made them. */
    void undefer() throws SQLException {
        try (PreparedStatement delete = target.prepareStatement("delete from " + table + " where state = ?")) {
            delete.setString(1, DEFERRED);
            delete.executeUpdate();
        }
    }

    void drop() throws SQLException {
        try (Statement statement = target.createStatement()) {
            statement.execute("drop table if exists " + table);
        }
    }
}
