package dev.contextdb.internal.move;

import dev.contextdb.internal.Vendor;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * PostgreSQL: the target's foreign keys, and indexes that back no key, are dropped before the copy
 * and made again after it, as {@code pg_dump} orders its output. A {@code COPY} into a table with a
 * foreign key checks it row by row (one trigger call each, queued until the end of the statement):
 * on the move benchmark 800,000 rows took 26 s that way, against 2 s bare and under a second for
 * checking the key once, in bulk, afterwards. Primary and unique keys stay: dropping and building
 * them again measured slower than keeping them up while the rows go in. The definitions are the
 * server's own ({@code pg_get_constraintdef}, {@code pg_get_indexdef}) and are kept in the move's
 * journal, in the transaction that drops them, so an interrupted copy makes them again when it is
 * run again.
 *
 * @param table the table, qualified
 * @param name the constraint's or index's name
 * @param kind {@code 1} an index, made first; {@code 2} a foreign key, made after
 * @param sql the statement that makes it again
 */
record DeferredConstraints(String table, String name, int kind, String sql) {

    /** Reads what the tables of {@code schema} have: foreign keys, and indexes that back no key. */
    static List<DeferredConstraints> read(Connection target, String schema, Collection<String> tables)
            throws SQLException {
        Vendor vendor = Vendor.POSTGRESQL;
        List<DeferredConstraints> found = new ArrayList<>();
        Array names = target.createArrayOf("text", tables.toArray());
        try (PreparedStatement query = target.prepareStatement("select r.relname, c.conname, c.contype,"
                + " pg_get_constraintdef(c.oid) from pg_constraint c join pg_class r on r.oid = c.conrelid"
                + " join pg_namespace n on n.oid = r.relnamespace where n.nspname = ? and r.relname = any(?)"
                + " and c.contype = 'f' order by c.conname")) {
            query.setString(1, schema);
            query.setArray(2, names);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String table = vendor.quote(schema) + "." + vendor.quote(rows.getString(1));
                    String name = rows.getString(2);
                    found.add(new DeferredConstraints(table, name, "f".equals(rows.getString(3)) ? 2 : 1,
                            "alter table " + table + " add constraint " + vendor.quote(name) + " " + rows.getString(4)));
                }
            }
        }
        try (PreparedStatement query = target.prepareStatement("select r.relname, i.relname, pg_get_indexdef(i.oid)"
                + " from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class r on r.oid = x.indrelid"
                + " join pg_namespace n on n.oid = r.relnamespace where n.nspname = ? and r.relname = any(?)"
                + " and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)"
                + " order by i.relname")) {
            query.setString(1, schema);
            query.setArray(2, names);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(new DeferredConstraints(vendor.quote(schema) + "." + vendor.quote(rows.getString(1)),
                            rows.getString(2), 1, rows.getString(3)));
                }
            }
        }
        return found;
    }

    private boolean exists(Connection target, String schema) throws SQLException {
        boolean constraint = sql.startsWith("alter table ");
        try (PreparedStatement query = target.prepareStatement(constraint
                ? "select 1 from pg_constraint where conrelid = ?::regclass and conname = ?"
                : "select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = ?"
                        + " and c.relname = ?")) {
            query.setString(1, constraint ? table : schema);
            query.setString(2, name);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    /** Drops it: a foreign key first (the caller orders them), then the keys it points at. */
    void drop(Connection target, String schema) throws SQLException {
        Vendor vendor = Vendor.POSTGRESQL;
        try (Statement statement = target.createStatement()) {
            if (sql.startsWith("alter table ")) {
                statement.execute("alter table " + table + " drop constraint " + vendor.quote(name));
            } else {
                statement.execute("drop index " + vendor.quote(schema) + "." + vendor.quote(name));
            }
        }
    }

    /** Makes it again, unless an interrupted run made it already. */
    void create(Connection target, String schema) throws SQLException {
        if (exists(target, schema)) {
            return;
        }
        try (Statement statement = target.createStatement()) {
            // The server's own rendering of what the context's migrations made; nothing of a user's.
            statement.execute(sql);
        }
    }
}
