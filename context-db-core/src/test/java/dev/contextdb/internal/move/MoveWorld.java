package dev.contextdb.internal.move;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import dev.contextdb.ContextMove;
import dev.contextdb.ContextSettings;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The world of a move test, on one server: a shared database holding context {@code till}
 * ({@code SHARED}, never moved) and, by its placement, context {@code depot} (three tables: a
 * foreign-key child with an identity key, two parents, seed rows in {@code V2}), whose rows are
 * generated. Every database and schema it names is unique and dropped on close. A second server
 * is stood in for by another database on the same server: the move connects to it by its own URL,
 * as it would to another host.
 */
final class MoveWorld implements AutoCloseable {

    static final ContextModel MODEL = ContextModel.of(ContextDefinition.of("depot", "dev.contextdb.fixtures.move.depot"),
            ContextDefinition.of("till", "dev.contextdb.fixtures.move.till"));

    /** Where {@code depot} lives. */
    enum Place { SHARED, SCHEMA, DATABASE, OTHER_DATABASE }

    final TestDatabase server;
    final String shared;
    final List<String> progress = new ArrayList<>();
    private final String vendor;
    private boolean roles;
    private String tillRole;
    private String depotRole;
    private final String schema;
    private final String database;
    private final String otherDatabase;

    MoveWorld(TestDatabase.Kind kind) {
        this(kind, new String[0]);
    }

    /** @param roles roles the test's contexts create, dropped after the databases that hold their objects */
    MoveWorld(TestDatabase.Kind kind, String... roles) {
        this.server = TestDatabase.of(kind);
        for (String role : roles) {
            server.dropRoleLater(role);
        }
        this.vendor = kind.name().toLowerCase(Locale.ROOT);
        this.shared = server.createDatabase("shared");
        this.schema = TestDatabase.uniqueName("depot");
        this.database = TestDatabase.uniqueName("depotdb");
        this.otherDatabase = TestDatabase.uniqueName("depotdb2");
        if (kind == TestDatabase.Kind.MARIADB) {
            server.dropSchemaLater(schema);
        }
        server.dropDatabaseLater(database);
        server.dropDatabaseLater(otherDatabase);
    }

    /** {@code context-db.roles.enabled}, with a role of its own for each context. */
    void roles(String till, String depot) {
        this.roles = true;
        this.tillRole = till;
        this.depotRole = depot;
    }

    /** @return the application's configuration with {@code depot} at {@code place} */
    ContextDb.Builder configuration(Place place) {
        return ContextDb.builder(MODEL).strategy(IsolationStrategy.SHARED)
                .datasource(server.urlOf(shared), server.username(), server.password())
                .pool("maximumPoolSize", "2")
                .roles(roles)
                .context("till", c -> c.migrationLocations("classpath:db/move/" + vendor + "/till")
                        .datasource(null, tillRole, roles ? "till-secret" : null))
                .context("depot", c -> place(c, place));
    }

    /** Puts {@code depot} at {@code place}, resetting whatever another place had set. */
    void place(ContextSettings depot, Place place) {
        depot.migrationLocations("classpath:db/move/" + vendor + "/depot").schema(null).datasource(null, null, null);
        switch (place) {
            case SHARED -> depot.strategy(IsolationStrategy.SHARED);
            case SCHEMA -> depot.strategy(IsolationStrategy.SCHEMA).schema(schema)
                    .datasource(null, depotRole, roles ? "depot-secret" : null);
            case DATABASE -> depot.strategy(IsolationStrategy.DATABASE)
                    .datasource(server.urlOf(database), server.username(), server.password());
            case OTHER_DATABASE -> depot.strategy(IsolationStrategy.DATABASE)
                    .datasource(server.urlOf(otherDatabase), server.username(), server.password());
        }
    }

    /** Creates the source: its database where it needs one, the contexts migrated, {@code items} items and two receipts. */
    void populate(Place place, int items) {
        if (place == Place.DATABASE) {
            server.execute("create database " + database);
        }
        try (ContextDb db = configuration(place).build()) {
            insertItems(db.dataSource("depot"), 1, items);
            try (Connection connection = db.dataSource("till").getConnection()) {
                connection.createStatement().execute("insert into receipt (id, total) values (1, 10), (2, 20)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Inserts items {@code first..first+count-1}, with every column's kind of value, nulls included. */
    static void insertItems(DataSource depot, int first, int count) throws SQLException {
        try (Connection connection = depot.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("insert into item (id, warehouse_id, kind_code,"
                    + " sku, quantity, price, note, added_at) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = first; i < first + count; i++) {
                    insert.setLong(1, i);
                    insert.setLong(2, 1 + i % 2);
                    insert.setString(3, i % 3 == 0 ? null : i % 3 == 1 ? "bulk" : "cold");
                    insert.setString(4, "sku-" + i);
                    insert.setInt(5, i % 1000);
                    insert.setBigDecimal(6, java.math.BigDecimal.valueOf(i * 125L, 2));
                    insert.setString(7, i % 7 == 0 ? null : "note " + i + " with 'quotes', tabs\tand\nlines");
                    insert.setTimestamp(8, Timestamp.valueOf(LocalDateTime.of(2026, 1, 1, 0, 0).plusMinutes(i)
                            .plusNanos(i * 1000L)));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        }
    }

    /** @return the move of {@code depot} from {@code from} to {@code to}, reporting into {@link #progress} */
    ContextMove move(Place from, Place to) {
        return ContextMove.of(configuration(from), "depot", target -> place(target, to));
    }

    /** @return a query's first column at {@code depot}'s place (its schema or database) */
    List<String> atDepot(Place place, String sql) {
        return switch (place) {
            case SHARED -> server.queryStringsIn(shared, sql);
            case SCHEMA -> server.kind() == TestDatabase.Kind.MARIADB ? server.queryStringsIn(schema, sql)
                    : server.queryStringsIn(shared, sql.replace(" from ", " from " + schema + "."));
            case DATABASE -> server.queryStringsIn(database, sql);
            case OTHER_DATABASE -> server.queryStringsIn(otherDatabase, sql);
        };
    }

    /** @return the base tables at {@code depot}'s place, lower case */
    List<String> tablesAt(Place place) {
        return switch (place) {
            case SHARED -> server.tablesInDatabase(shared);
            case SCHEMA -> server.kind() == TestDatabase.Kind.MARIADB
                    ? databaseExists(schema) ? server.tablesInDatabase(schema) : List.of()
                    : server.queryStringsIn(shared, "select table_name from information_schema.tables where"
                            + " table_schema = '" + schema + "' order by 1");
            case DATABASE -> databaseExists(database) ? server.tablesInDatabase(database) : List.of();
            case OTHER_DATABASE -> databaseExists(otherDatabase) ? server.tablesInDatabase(otherDatabase) : List.of();
        };
    }

    boolean databaseExists(String name) {
        String sql = server.kind() == TestDatabase.Kind.MARIADB
                ? "select schema_name from information_schema.schemata where schema_name = '" + name + "'"
                : "select datname from pg_database where datname = '" + name + "'";
        return !server.queryStrings(sql).isEmpty();
    }

    String database(Place place) {
        return place == Place.DATABASE ? database : otherDatabase;
    }

    String schema() {
        return schema;
    }

    void assertItems(Place place, int count) {
        assertThat(atDepot(place, "select count(*) from item")).containsExactly(String.valueOf(count));
    }

    @Override
    public void close() {
        server.close();
    }
}
