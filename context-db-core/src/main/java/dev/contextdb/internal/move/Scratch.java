package dev.contextdb.internal.move;

import dev.contextdb.IsolationStrategy;
import dev.contextdb.Placement;
import dev.contextdb.internal.ContextMigrations;
import dev.contextdb.internal.MoveEnd;
import dev.contextdb.internal.Vendor;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.api.FlywayException;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * Runs a context's migrations alone, as the application configures them, into a schema (MariaDB:
 * database) of a unique name, and takes the names of what they create there: under
 * {@code SHARED}, the only sure way to tell the context's objects from the other contexts' in the
 * one schema. The scratch schema is dropped again whatever happens.
 *
 * <p>Its connections see nothing else: PostgreSQL's search path holds only the scratch schema, so
 * a migration that reads or writes another context's table fails here instead of touching it.
 */
final class Scratch {

    private Scratch() {
    }

    /** Flyway's first line (the script) and the database's own words, without Flyway's report around them. */
    private static String reason(FlywayException failure) {
        String first = String.valueOf(failure.getMessage()).lines().findFirst().orElse("").trim();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                String database = String.valueOf(sql.getMessage()).lines().findFirst().orElse("").trim();
                return first + ": " + database + " (SQLState " + sql.getSQLState() + ")";
            }
        }
        return first;
    }

    /**
     * @param end where the context lives (its migrations, its server)
     * @param catalog the catalog of a connection to that server, which drops the scratch schema
     * @param created receives the keys ({@link ContextObjects#key}) of what the migrations create
     * @return why the migrations failed there, or {@code null}
     */
    static String created(MoveEnd end, Catalog catalog, Set<String> created) throws SQLException {
        Placement at = end.placement();
        String scratch = "cdb_scratch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Placement placement = new Placement(at.context(), IsolationStrategy.SCHEMA, at.vendor(), at.url(),
                at.username(), scratch, at.pool(), at.maximumPoolSize(), at.reads(), at.migrationLocations(),
                scratch + ".flyway_schema_history");
        Vendor vendor = end.vendor();
        AbstractDataSource dataSource = new AbstractDataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = end.connect();
                if (vendor == Vendor.POSTGRESQL) {
                    try (Statement statement = connection.createStatement()) {
                        // Flyway puts the scratch schema first and keeps what it finds after it.
                        statement.execute("SET search_path TO pg_catalog");
                    }
                }
                return connection;
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                return getConnection();
            }
        };
        try {
            ContextMigrations.load(ContextMigrations.configure(placement, dataSource, end.settings().classLoader())
                    .cleanDisabled(true)).migrate();
            for (ContextObjects.Item item : catalog.items(scratch)) {
                if (!(item.kind() == ContextObjects.Kind.TABLE && item.name().equals("flyway_schema_history"))) {
                    created.add(ContextObjects.key(item));
                }
            }
            created.removeIf(key -> key.startsWith("other:"));
            return null;
        } catch (FlywayException e) {
            return reason(e);
        } finally {
            catalog.dropScratch(scratch);
        }
    }
}
