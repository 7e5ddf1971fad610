package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.internal.ContextDataSource;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A pooled connection never carries one context's schema to the next borrower (the class of bug
 * in HikariCP#2170): contexts alternate on a pool of one connection and each must find its own
 * schema, and a shared pool switches only when the borrower changes.
 */
class SchemaStateTest {

    static final ContextModel SHOP = ContextModel.scan("dev.contextdb.fixtures.shop");

    @ParameterizedTest
    @EnumSource(Kind.class)
    void contextsAlternatingOnOneSharedConnectionEachFindTheirOwnSchema(Kind kind) throws SQLException {
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SCHEMA, Pooling.SINGLE_POOL);
                ContextDb db = scenario.builder(SHOP).pool("maximumPoolSize", "1").build()) {
            String[] contexts = {"catalog", "inventory", "inventory", "orders", "catalog", "catalog", "orders"};
            long switchesBefore = ((ContextDataSource) db.dataSource("catalog")).schemaSwitches();
            Connection first = null;
            for (int round = 0; round < 10; round++) {
                for (String context : contexts) {
                    try (Connection connection = db.dataSource(context).getConnection()) {
                        Connection physical = connection.unwrap(Connection.class);
                        first = first == null ? physical : first;
                        assertThat(physical).as("one physical connection").isSameAs(first);
                        assertThat(currentSchema(kind, connection)).isEqualTo(scenario.placeOf(context));
                    }
                }
            }
            long switches = ((ContextDataSource) db.dataSource("catalog")).schemaSwitches() - switchesBefore;
            // 7 borrowers per round, 2 of them the same context as the one before: 5 switches a round
            // (the first round's first borrow may or may not find the connection on catalog already).
            assertThat(switches).isBetween(49L, 50L);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aSchemaChangedThroughJdbcIsResetBeforeTheNextBorrowerOfAPinnedPool(Kind kind) throws SQLException {
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                ContextDb db = scenario.builder(SHOP).pool("maximumPoolSize", "1").build()) {
            DataSource orders = db.dataSource("orders");
            try (Connection connection = orders.getConnection()) {
                if (kind == Kind.MARIADB) {
                    connection.setCatalog(scenario.placeOf("catalog"));
                } else {
                    connection.setSchema(scenario.placeOf("catalog"));
                }
                assertThat(currentSchema(kind, connection)).isEqualTo(scenario.placeOf("catalog"));
            }
            try (Connection connection = orders.getConnection()) {
                assertThat(currentSchema(kind, connection)).isEqualTo(scenario.placeOf("orders"));
            }
        }
    }

    static Stream<Arguments> kindsAndPoolings() {
        return Stream.of(Kind.values()).flatMap(kind -> Stream.of(Pooling.PER_CONTEXT, Pooling.SINGLE_POOL)
                .map(pooling -> Arguments.of(kind, pooling)));
    }

    /**
     * Pools that hand out connections with auto-commit off (common with JPA): on PostgreSQL a
     * {@code SET search_path} made inside a transaction is undone when that transaction rolls
     * back, so a schema set in the borrower's transaction — by HikariCP's {@code schema} at
     * connection creation, or by the switch of a shared pool — would silently fall back to the
     * default path, or to the previous borrower's schema. Each borrower rolls back here.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kindsAndPoolings")
    void aRolledBackTransactionLeavesTheConnectionOnItsContextsSchemaWithAutoCommitOff(Kind kind, Pooling pooling)
            throws SQLException {
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SCHEMA, pooling);
                ContextDb db = scenario.builder(SHOP).pool("maximumPoolSize", "1").pool("autoCommit", "false").build()) {
            String[] contexts = {"catalog", "inventory", "inventory", "orders", "catalog", "catalog"};
            for (int round = 0; round < 3; round++) {
                for (String context : contexts) {
                    try (Connection connection = db.dataSource(context).getConnection()) {
                        assertThat(connection.getAutoCommit()).isFalse();
                        assertThat(currentSchema(kind, connection)).as("round %d, %s", round, context)
                                .isEqualTo(scenario.placeOf(context));
                        connection.rollback();
                    }
                }
            }
        }
    }

    private static String currentSchema(Kind kind, Connection connection) throws SQLException {
        String sql = kind == Kind.MARIADB ? "select database()" : "select current_schema";
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
