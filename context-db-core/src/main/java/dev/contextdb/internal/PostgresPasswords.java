package dev.contextdb.internal;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/**
 * Sets a role's password through pgjdbc, which hashes it on the client: the password never
 * appears in SQL text, so it cannot reach the server log or a statement error. Loaded only for
 * PostgreSQL.
 */
final class PostgresPasswords {

    private PostgresPasswords() {
    }

    static void set(Connection connection, String role, String password) throws SQLException {
        char[] secret = password.toCharArray();
        try {
            connection.unwrap(PGConnection.class).alterUserPassword(role, secret, null);
        } finally {
            java.util.Arrays.fill(secret, '\0');
        }
    }
}
