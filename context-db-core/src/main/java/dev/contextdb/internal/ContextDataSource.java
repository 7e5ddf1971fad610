package dev.contextdb.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A context's own DataSource over its pool. It has an identity of its own, so that Spring binds
 * each context's transactions separately even where contexts share a pool; under {@code SCHEMA}
 * with a shared pool it puts each connection on the context's schema; and it asks the guard
 * before handing out a connection while another context's transaction is open.
 */
public final class ContextDataSource extends DelegatingDataSource {

    private final String context;
    private final DataSource pool;
    private final String schema;
    private final SchemaSwitch schemaSwitch;
    private final ContextGuard guard;

    /**
     * @param context the context it serves
     * @param pool its pool, its own or shared
     * @param schema the schema to switch to, or {@code null} to use connections as they come
     * @param schemaSwitch the pool's switch, or {@code null} with a {@code null} schema
     * @param guard the guard against work inside another context's transaction
     */
    public ContextDataSource(String context, DataSource pool, String schema, SchemaSwitch schemaSwitch,
            ContextGuard guard) {
        super(pool);
        this.context = context;
        this.pool = pool;
        this.schema = schema;
        this.schemaSwitch = schemaSwitch;
        this.guard = guard;
    }

    /** @return the switch of the shared pool, or {@code null} when connections are used as they come */
    public SchemaSwitch schemaSwitch() {
        return schemaSwitch;
    }

    /** @return the context this DataSource serves */
    public String context() {
        return context;
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
        Connection connection;
        try {
            connection = pool.getConnection();
        } catch (SQLException e) {
            throw noConnection(e);
        }
        if (schemaSwitch != null) {
            schemaSwitch.ensure(connection, schema);
        }
        return connection;
    }

    private SQLException noConnection(SQLException e) {
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
