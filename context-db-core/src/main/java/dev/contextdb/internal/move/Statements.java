package dev.contextdb.internal.move;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The few ways a move talks to the database: run a statement, read a number. */
final class Statements {

    /** Something a step does on the move's connection. */
    @FunctionalInterface
    interface Action {
        void run(Connection connection) throws SQLException;
    }

    private Statements() {
    }

    /** Runs one statement; every identifier in it has been quoted through the vendor. */
    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + " [" + sql + "]", e.getSQLState(), e.getErrorCode(), e);
        }
    }

    static long queryLong(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
