package dev.contextdb.internal.move;

import dev.contextdb.ContextMove.MoveException;
import dev.contextdb.internal.MoveEnd;
import dev.contextdb.internal.Vendor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server of a {@code DATABASE} end, reached without its database: to create the database
 * before the move and to drop it in a rollback. PostgreSQL through the server's {@code postgres}
 * maintenance database; MariaDB with no database in the URL.
 *
 * @param end the end
 * @param serverUrl the URL of the server without the end's database
 * @param database the end's database, a plain identifier
 */
record TargetServer(MoveEnd end, String serverUrl, String database) {

    private static final Pattern POSTGRES_URL = Pattern.compile("^(jdbc:postgresql://[^/]*/)([^?]*)(.*)$");
    private static final Pattern MARIADB_URL =
            Pattern.compile("^(jdbc:(?:mariadb|mysql):(?:[a-z]+:)?//[^/?]*)/([^?;]*)(.*)$");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    static TargetServer of(MoveEnd end) {
        Matcher matcher = (end.vendor() == Vendor.MARIADB ? MARIADB_URL : POSTGRES_URL).matcher(end.url());
        if (!matcher.matches() || !PLAIN.matcher(matcher.group(2)).matches()) {
            throw new MoveException(end.context(), "The target URL of context '" + end.context() + "' names no database"
                    + " the move can create: " + end.placement().url(),
                    "create the database yourself (empty), or name it in the URL with letters, digits and underscores.",
                    null);
        }
        String server = end.vendor() == Vendor.MARIADB ? matcher.group(1) + "/" + matcher.group(3)
                : matcher.group(1) + "postgres" + matcher.group(3);
        return new TargetServer(end, server, matcher.group(2));
    }

    /** Whether a connection failed because its database does not exist. */
    static boolean missingDatabase(SQLException e) {
        // PostgreSQL: invalid_catalog_name; MariaDB: ER_BAD_DB_ERROR.
        return "3D000".equals(e.getSQLState()) || e.getErrorCode() == 1049;
    }

    /**
     * Creates the database, marked as being prepared by a move of the end's context until
     * {@link #unmark}: a move interrupted before its journal exists finds the mark, and drops
     * the database as its own. MariaDB takes the mark in the same statement; PostgreSQL in the
     * next one.
     */
    void create() throws SQLException {
        String quoted = end.vendor().quote(database);
        if (end.vendor() == Vendor.MARIADB) {
            execute("create database " + quoted + " comment " + literal(mark()));
        } else {
            execute("create database " + quoted);
            execute("comment on database " + quoted + " is " + literal(mark()));
        }
    }

    /** Takes the mark off once the move's journal is written: from then on the journal speaks for the move. */
    void unmark() throws SQLException {
        String quoted = end.vendor().quote(database);
        execute(end.vendor() == Vendor.MARIADB ? "alter database " + quoted + " comment ''"
                : "comment on database " + quoted + " is null");
    }

    /** @return whether the database {@code connection} is on carries the mark of an unfinished preparation of this context */
    boolean marked(Connection connection) throws SQLException {
        String sql = end.vendor() == Vendor.MARIADB
                ? "select schema_comment from information_schema.schemata where schema_name = database()"
                : "select shobj_description(oid, 'pg_database') from pg_database where datname = current_database()";
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            return row.next() && mark().equals(row.getString(1));
        }
    }

    private String mark() {
        return "context-db: database of context '" + end.context() + "', being prepared by a move";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    void drop() throws SQLException {
        execute("drop database if exists " + end.vendor().quote(database)
                + (end.vendor() == Vendor.POSTGRESQL ? " with (force)" : ""));
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = end.connect(serverUrl); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
