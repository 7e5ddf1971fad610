package dev.contextdb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.ContextDbConfigurationException;
import dev.contextdb.test.TestDatabase;
import dev.contextdb.test.TestDatabase.Kind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The set-up lock makes a second instance wait for the first, gives up with a message that says
 * how to find the holder, and is free again once the holder lets go.
 */
class SetupLockTest {

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aSecondSessionWaitsForTheFirstAndGivesUpNamingHowToFindIt(Kind kind) throws SQLException {
        Vendor vendor = kind == Kind.POSTGRESQL ? Vendor.POSTGRESQL : Vendor.MARIADB;
        try (TestDatabase database = TestDatabase.of(kind);
                Connection first = DriverManager.getConnection(database.url(), database.username(), database.password());
                Connection second = DriverManager.getConnection(database.url(), database.username(),
                        database.password())) {
            SetupLock held = SetupLock.acquire(vendor, first);
            long start = System.nanoTime();
            assertThatThrownBy(() -> SetupLock.acquire(vendor, second, 1))
                    .isInstanceOf(ContextDbConfigurationException.class)
                    .hasMessageStartingWith("context-db waited 1 s for its set-up lock on " + vendor.displayName()
                            + ", which another session holds: another instance of the application is creating"
                            + " schemas or roles, or hangs while doing so. Fix: find the session that holds it (")
                    .hasMessageContaining(kind == Kind.POSTGRESQL
                            ? "where locktype = 'advisory' and objid = " + SetupLock.KEY + " and granted"
                            : "select IS_USED_LOCK('context-db')");
            assertThat((System.nanoTime() - start) / 1_000_000).as("waited about the timeout").isBetween(900L, 10_000L);
            // The failed wait left the second session usable and without the lock.
            assertThat(holders(kind, second)).isEqualTo(1);
            held.close();
            assertThat(holders(kind, second)).isZero();
            try (SetupLock taken = SetupLock.acquire(vendor, second, 1)) {
                assertThat(holders(kind, first)).isEqualTo(1);
            }
            assertThat(holders(kind, first)).isZero();
        }
    }

    /** How many sessions hold the lock, as the server sees it. */
    private static int holders(Kind kind, Connection connection) throws SQLException {
        String sql = kind == Kind.POSTGRESQL
                ? "select count(*) from pg_locks where locktype = 'advisory' and objid = " + SetupLock.KEY
                        + " and granted and database = (select oid from pg_database where datname = current_database())"
                : "select IS_USED_LOCK('context-db') is not null";
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getInt(1);
        }
    }
}
