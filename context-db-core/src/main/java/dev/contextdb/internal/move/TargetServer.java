package dev.contextdb.internal.move;

import dev.contextdb.ContextMove.MoveException;
import dev.contextdb.internal.MoveEnd;
import dev.contextdb.internal.Vendor;
import java.sql.Connection;
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

    void create() throws SQLException {
        execute("create database " + end.vendor().quote(database));
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
