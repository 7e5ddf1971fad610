package dev.contextdb.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A context's own DataSource over its pool. It has an identity of its own, so that Spring binds
 * each context's transactions separately even where contexts share a pool; under {@code SCHEMA}
 * with a shared pool it puts each connection on the context's schema; it asks the guard before
 * handing out a connection while another context's transaction is open; and where it shares its
 * pool with other contexts, it holds at most its share of the pool's connections.
 *
 * <p>Each connection is handed out as a {@link ContextConnection}, which puts a connection that
 * the borrower moved to another schema back before the pool gets it.
 */
public final class ContextDataSource extends DelegatingDataSource {

    private final String context;
    private final DataSource pool;
    private final Vendor vendor;
    private final String schema;
    private final SchemaSwitch schemaSwitch;
    private final GuardCheck guard;
    private final Semaphore share;
    private final int shareSize;
    private final long shareTimeoutMillis;

    /**
     * @param context the context it serves
     * @param pool its pool, its own or shared
     * @param vendor the pool's database
     * @param schema the schema to switch to, or {@code null} to use connections as they come
     * @param schemaSwitch the pool's switch, or {@code null} with a {@code null} schema
     * @param guard the guard against work inside another context's transaction
     * @param share how many of the pool's connections the context may hold at once, or 0 for no limit
     *     (a pool of its own)
     * @param shareTimeoutMillis how long to wait for the context's share before failing
     */
    public ContextDataSource(String context, DataSource pool, Vendor vendor, String schema, SchemaSwitch schemaSwitch,
            GuardCheck guard, int share, long shareTimeoutMillis) {
        super(pool);
        this.context = context;
        this.pool = pool;
        this.vendor = vendor;
        this.schema = schema;
        this.schemaSwitch = schemaSwitch;
        this.guard = guard;
        this.share = share > 0 ? new Semaphore(share) : null;
        this.shareSize = share;
        this.shareTimeoutMillis = shareTimeoutMillis;
    }

    /**
     * @return how many times connections of this DataSource's pool were switched to another schema
     *     when taken ({@code pooling=single-pool}); 0 when connections are used as they come
     */
    public long schemaSwitches() {
        return schemaSwitch == null ? 0 : schemaSwitch.switches();
    }

    /** @return the context this DataSource serves */
    public String context() {
        return context;
    }

    Vendor vendor() {
        return vendor;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect(ThreadState.get());
    }

    /**
     * A connection for this context.
     * @param state the thread's state, as the routing DataSource has read it, or {@code null}
     */
    Connection connect(ThreadState state) throws SQLException {
        guard.check(context, state);
        if (share != null && !share.tryAcquire()) {
            awaitShare();
        }
        Connection connection;
        try {
            connection = pool.getConnection();
        } catch (SQLException e) {
            returned();
            throw noConnection(e);
        }
        if (schemaSwitch != null) {
            try {
                schemaSwitch.ensure(connection, schema);
            } catch (SQLException | RuntimeException e) {
                returned(); // ensure closed the connection
                throw e;
            }
        }
        return new ContextConnection(connection, this);
    }

    private void awaitShare() throws SQLException {
        boolean acquired;
        try {
            acquired = share.tryAcquire(shareTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("Context '" + context + "' was interrupted while waiting for"
                    + " a connection of its shared pool", "08001", e);
        }
        if (!acquired) {
            throw new SQLTransientConnectionException("Context '" + context + "' holds " + shareSize + " connections"
                    + " of its shared pool, as many as context-db.max-connections-per-context allows, and none was"
                    + " returned within " + shareTimeoutMillis + " ms. Return connections sooner (a transaction per"
                    + " unit of work), or raise context-db.max-connections-per-context or the pool's maximumPoolSize.",
                    "08001");
        }
    }

    /** Gives back the context's share of a connection, when it shares its pool. */
    void returned() {
        if (share != null) {
            share.release();
        }
    }

    /**
     * Puts a connection the borrower moved back on the schema it had, before the pool gets it.
     * Unfinished work is rolled back first, as the pool would on close, so that the rollback
     * cannot undo the restore. A connection that cannot be put back is evicted from its pool.
     */
    void restore(Connection connection, String home) throws SQLException {
        try {
            boolean autoCommit = connection.getAutoCommit();
            if (!autoCommit) {
                connection.rollback();
            }
            vendor.restoreSessionSchema(connection, home);
            if (!autoCommit) {
                connection.commit();
            }
        } catch (SQLException | RuntimeException e) {
            if (schemaSwitch != null) {
                schemaSwitch.forget(connection);
            }
            if (pool instanceof HikariDataSource hikari) {
                hikari.evictConnection(connection);
            }
            throw new SQLException("Context '" + context + "' could not put a connection it had moved to another schema"
                    + " back on " + (home == null ? "its schema" : "'" + home + "'") + "; the connection was taken out of"
                    + " the pool: " + e.getMessage(), e);
        }
    }

    private SQLException noConnection(SQLException e) {
        if (e instanceof SQLTransientConnectionException) {
            return new SQLTransientConnectionException("Context '" + context + "' got no connection from its database: "
                    + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
        }
        return new SQLException("Context '" + context + "' got no connection from its database: " + e.getMessage(),
                e.getSQLState(), e.getErrorCode(), e);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLException("Context '" + context + "' connects with its configured credentials;"
                + " getConnection(username, password) would bypass them.");
    }

    @Override
    public String toString() {
        return "ContextDataSource[" + context + (schema == null ? "" : ", schema " + schema) + "]";
    }
}
