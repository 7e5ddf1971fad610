package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.internal.ContextDataSource;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

    private static String currentSchema(Kind kind, Connection connection) throws SQLException {
        String sql = kind == Kind.MARIADB ? "select database()" : "select current_schema";
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
