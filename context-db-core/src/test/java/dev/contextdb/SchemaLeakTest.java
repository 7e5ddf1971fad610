package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.internal.ContextDataSource;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase;
import dev.contextdb.test.TestDatabase.Kind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Context code that moves its connection to another schema — through {@code setSchema}/{@code
 * setCatalog} or through SQL ({@code SET search_path}, {@code set_config}, {@code USE}, {@code SET
 * SCHEMA}) — never takes the next borrower with it: every context's next connection is on its own
 * schema, and an unqualified insert lands where the context lives, although the schema it was moved
 * to has a table of the same name (so that a leak would be silent).
 */
class SchemaLeakTest {

    static final ContextModel SHOP = ContextModel.scan("dev.contextdb.fixtures.shop");

    /** How the borrower moves its connection. */
    enum Move { JDBC_API, SQL, PREPARED_SQL, SQL_IN_COMMITTED_TRANSACTION, SQL_IN_UNFINISHED_TRANSACTION }

    /** Where the contexts live and how they get connections. */
    enum Layout {
        SCHEMA_ONE_SHARED_POOL(IsolationStrategy.SCHEMA, Pooling.SINGLE_POOL),
        SCHEMA_POOL_PER_CONTEXT(IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT),
        SHARED_SCHEMA(IsolationStrategy.SHARED, Pooling.PER_CONTEXT),
        DATABASE_PER_CONTEXT(IsolationStrategy.DATABASE, Pooling.PER_CONTEXT);

        final IsolationStrategy strategy;
        final Pooling pooling;

        Layout(IsolationStrategy strategy, Pooling pooling) {
            this.strategy = strategy;
            this.pooling = pooling;
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (Layout layout : Layout.values()) {
                // A schema is a database only on MariaDB: elsewhere a context's own database has no
                // other context's schema to move to.
                if (layout == Layout.DATABASE_PER_CONTEXT && kind != Kind.MARIADB) {
                    continue;
                }
                for (Move move : Move.values()) {
                    cases.add(Arguments.of(kind, layout, move));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void aConnectionMovedToAnotherSchemaComesBackOnItsOwn(Kind kind, Layout layout, Move move) throws SQLException {
        try (Scenario scenario = new Scenario(kind, layout.strategy, layout.pooling);
                ContextDb db = scenario.builder(SHOP).pool("maximumPoolSize", "1").build()) {
            TestDatabase database = scenario.database();
            // Where orders' borrower goes: catalog's schema or database, or (SHARED) another schema.
            String elsewhere = layout.strategy == IsolationStrategy.SHARED ? decoy(database) : scenario.placeOf("catalog");
            database.execute("create table " + quote(kind, elsewhere) + ".purchase_order (id bigint primary key,"
                    + " product_id bigint not null, quantity integer not null)");
            DataSource orders = db.dataSource("orders");

            move(kind, db, orders, elsewhere, move);

            for (String context : List.of("orders", "catalog", "inventory", "orders")) {
                try (Connection connection = db.dataSource(context).getConnection()) {
                    assertThat(currentSchema(kind, connection)).as("the next borrower of " + context)
                            .isEqualToIgnoringCase(home(scenario, context));
                }
            }
            new JdbcTemplate(orders).update("insert into purchase_order (id, product_id, quantity) values (7, 1, 1)");
            assertThat(database.queryStrings("select id from " + quote(kind, elsewhere) + ".purchase_order"))
                    .as("rows where orders does not live").isEmpty();
            assertThat(scenario.query("orders", "select id from " + ordersTable(scenario)))
                    .as("rows where orders lives").containsExactly("7");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aSharedPoolPutBackInPlaceNeedsNoSwitchForTheSameContext(Kind kind) throws SQLException {
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SCHEMA, Pooling.SINGLE_POOL);
                ContextDb db = scenario.builder(SHOP).pool("maximumPoolSize", "1").build()) {
            DataSource orders = db.dataSource("orders");
            try (Connection connection = orders.getConnection()) {
                connection.isValid(1); // orders' schema from now on
            }
            long switches = ((ContextDataSource) orders).schemaSwitches();
            try (Connection connection = orders.getConnection()) {
                moveBySql(kind, connection, scenario.placeOf("catalog"));
            }
            for (int i = 0; i < 5; i++) {
                try (Connection connection = orders.getConnection()) {
                    assertThat(currentSchema(kind, connection)).isEqualTo(scenario.placeOf("orders"));
                }
            }
            assertThat(((ContextDataSource) orders).schemaSwitches())
                    .as("the connection was put back on orders' schema when it was closed: no switch since")
                    .isEqualTo(switches);
        }
    }

    static Stream<Kind> kinds() {
        return Stream.of(Kind.values());
    }

    private static void move(Kind kind, ContextDb db, DataSource orders, String elsewhere, Move move)
            throws SQLException {
        switch (move) {
            case JDBC_API -> {
                try (Connection connection = orders.getConnection()) {
                    if (kind == Kind.MARIADB) {
                        connection.setCatalog(elsewhere);
                    } else {
                        connection.setSchema(elsewhere);
                    }
                    assertThat(currentSchema(kind, connection)).isEqualToIgnoringCase(elsewhere);
                }
            }
            case SQL -> {
                try (Connection connection = orders.getConnection()) {
                    moveBySql(kind, connection, elsewhere);
                    assertThat(currentSchema(kind, connection)).isEqualToIgnoringCase(elsewhere);
                }
            }
            case PREPARED_SQL -> {
                try (Connection connection = orders.getConnection()) {
                    String sql = switch (kind) {
                        case POSTGRESQL -> "select set_config('search_path', ?, false)";
                        case MARIADB -> "use " + quote(kind, elsewhere);
                        case H2 -> "set schema " + quote(kind, elsewhere);
                    };
                    try (PreparedStatement statement = connection.prepareStatement(sql)) {
                        if (kind == Kind.POSTGRESQL) {
                            statement.setString(1, elsewhere);
                        }
                        statement.execute();
                    }
                    assertThat(currentSchema(kind, connection)).isEqualToIgnoringCase(elsewhere);
                }
            }
            case SQL_IN_COMMITTED_TRANSACTION -> new TransactionTemplate(db.transactionManager("orders"))
                    .executeWithoutResult(status -> {
                        Connection connection = DataSourceUtils.getConnection(orders);
                        try {
                            moveBySql(kind, connection, elsewhere);
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
            case SQL_IN_UNFINISHED_TRANSACTION -> {
                try (Connection connection = orders.getConnection()) {
                    connection.setAutoCommit(false);
                    moveBySql(kind, connection, elsewhere);
                    connection.commit(); // the move is for good
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("select 1"); // unfinished work when the connection is closed
                    }
                }
            }
        }
    }

    private static void moveBySql(Kind kind, Connection connection, String elsewhere) throws SQLException {
        String sql = switch (kind) {
            case POSTGRESQL -> "SET search_path TO " + quote(kind, elsewhere);
            case MARIADB -> "USE " + quote(kind, elsewhere);
            case H2 -> "SET SCHEMA " + quote(kind, elsewhere);
        };
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A schema no context lives in, named in lower case on every vendor. */
    private static String decoy(TestDatabase database) {
        String name = TestDatabase.uniqueName("decoy");
        database.execute((database.kind() == Kind.MARIADB ? "create database " : "create schema ")
                + quote(database.kind(), name));
        database.dropSchemaLater(name);
        return name;
    }

    private static String home(Scenario scenario, String context) {
        return switch (scenario.strategy()) {
            case SCHEMA, DATABASE -> scenario.placeOf(context);
            case SHARED -> scenario.sharedSchema();
        };
    }

    private static String ordersTable(Scenario scenario) {
        return scenario.strategy() == IsolationStrategy.DATABASE ? "purchase_order"
                : scenario.qualified("orders", "purchase_order");
    }

    private static String quote(Kind kind, String name) {
        return kind == Kind.MARIADB ? "`" + name + "`" : "\"" + name + "\"";
    }

    private static String currentSchema(Kind kind, Connection connection) throws SQLException {
        String sql = kind == Kind.MARIADB ? "select database()" : "select current_schema";
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
