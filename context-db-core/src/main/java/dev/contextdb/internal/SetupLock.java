package dev.contextdb.internal;

import dev.contextdb.ContextDbConfigurationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A server-side lock, held on a set-up connection while context-db creates schemas, roles and
 * grants, so that instances of one application starting at once (replicas, a rolling deploy)
 * take turns instead of racing: PostgreSQL's catalog refuses a second concurrent
 * {@code CREATE SCHEMA} of one name even with {@code IF NOT EXISTS}, and concurrent grants on
 * one object fail with "tuple concurrently updated". Whoever comes second finds the work done.
 *
 * <p>PostgreSQL: the session-level advisory lock {@link #KEY} of the connection's database;
 * MariaDB: the named lock {@link #NAME} of the server. Both go when the session ends, so an
 * instance that dies mid-way blocks nobody. H2 in memory lives in one process: no lock.
 *
 * <pre>{@code
 * try (SetupLock lock = SetupLock.acquire(Vendor.POSTGRESQL, connection)) {
 *     Vendor.POSTGRESQL.createIfMissing(connection, "orders");
 * }
 * }</pre>
 */
final class SetupLock implements AutoCloseable {

    /** PostgreSQL's advisory lock key: {@code "context-db".hashCode()}, unsigned (shows as {@code objid} in {@code pg_locks}). */
    public static final long KEY = Integer.toUnsignedLong("context-db".hashCode());

    /** MariaDB's lock name. */
    public static final String NAME = "context-db";

    /** How long an instance waits for another one's set-up, which takes well under a second per context. */
    static final int TIMEOUT_SECONDS = 60;

    private static final String CANCELLED = "57014";

    private final Vendor vendor;
    private final Connection connection;

    private SetupLock(Vendor vendor, Connection connection) {
        this.vendor = vendor;
        this.connection = connection;
    }

    /**
     * Waits for the lock, one round trip when nobody holds it.
     * @param vendor the connection's database
     * @param connection a set-up connection, used by one thread
     * @return the lock, to close when the set-up on this connection is done
     * @throws ContextDbConfigurationException when another session held it for {@value #TIMEOUT_SECONDS} s
     */
    public static SetupLock acquire(Vendor vendor, Connection connection) throws SQLException {
        return acquire(vendor, connection, TIMEOUT_SECONDS);
    }

    static SetupLock acquire(Vendor vendor, Connection connection, int timeoutSeconds) throws SQLException {
        switch (vendor) {
            case POSTGRESQL -> {
                try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_lock(?)")) {
                    lock.setLong(1, KEY);
                    // Only this statement: a session-wide lock_timeout would also cut short the DDL after it.
                    lock.setQueryTimeout(timeoutSeconds);
                    lock.execute();
                } catch (SQLException e) {
                    if (CANCELLED.equals(e.getSQLState())) {
                        throw timedOut(vendor, timeoutSeconds, e);
                    }
                    throw e;
                }
            }
            case MARIADB -> {
                try (PreparedStatement lock = connection.prepareStatement("select GET_LOCK(?, ?)")) {
                    lock.setString(1, NAME);
                    lock.setInt(2, timeoutSeconds);
                    try (ResultSet row = lock.executeQuery()) {
                        row.next();
                        if (row.getInt(1) != 1) {
                            throw timedOut(vendor, timeoutSeconds, null);
                        }
                    }
                }
            }
            case H2 -> {
                // In memory or embedded, the database has this one process as its user.
            }
        }
        return new SetupLock(vendor, connection);
    }

    private static ContextDbConfigurationException timedOut(Vendor vendor, int seconds, Throwable cause) {
        String holder = vendor == Vendor.POSTGRESQL
                ? "select pid, usename, application_name, client_addr, state, query from pg_stat_activity where pid in"
                        + " (select pid from pg_locks where locktype = 'advisory' and objid = " + KEY + " and granted)"
                : "select IS_USED_LOCK('" + NAME + "') (a connection id for SHOW PROCESSLIST)";
        return new ContextDbConfigurationException(null, "context-db.datasource",
                "context-db waited " + seconds + " s for its set-up lock on " + vendor.displayName()
                        + ", which another session holds: another instance of the application is creating schemas"
                        + " or roles, or hangs while doing so.",
                "find the session that holds it (" + holder + ") and let it finish or end it; the lock goes with"
                        + " its session.", cause);
    }

    /** Releases the lock, so the next instance can check the set-up and find it done. */
    @Override
    public void close() throws SQLException {
        String release = switch (vendor) {
            case POSTGRESQL -> "select pg_advisory_unlock(?)";
            case MARIADB -> "select RELEASE_LOCK(?)";
            case H2 -> null;
        };
        if (release == null) {
            return;
        }
        try (PreparedStatement unlock = connection.prepareStatement(release)) {
            if (vendor == Vendor.POSTGRESQL) {
                unlock.setLong(1, KEY);
            } else {
                unlock.setString(1, NAME);
            }
            unlock.execute();
        }
    }
}
