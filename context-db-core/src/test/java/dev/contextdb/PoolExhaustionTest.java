package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One context holding every connection it can get must not keep the others from being served:
 * with a pool per context the others never wait on its pool; where contexts share a pool, the
 * context holds at most its share ({@code context-db.max-connections-per-context}).
 */
class PoolExhaustionTest {

    static final ContextModel SHOP = ContextModel.scan("dev.contextdb.fixtures.shop");

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aContextHoldingItsWholePoolDoesNotDelayTheOthers(Kind kind) throws Exception {
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                ContextDb db = scenario.builder(SHOP).pool("maximumPoolSize", "2").pool("connectionTimeout", "250")
                        .build()) {
            List<Connection> held = hold(db.dataSource("orders"), 2);
            try {
                assertThatThrownBy(() -> db.dataSource("orders").getConnection().close())
                        .as("orders' own pool is exhausted").isInstanceOf(SQLTransientConnectionException.class);
                // Each would time out after 250 ms if it waited on orders' pool.
                for (String other : List.of("catalog", "inventory")) {
                    for (int i = 0; i < 5; i++) {
                        assertThat(new JdbcTemplate(db.dataSource(other)).queryForObject("select 1", Integer.class))
                                .isEqualTo(1);
                    }
                }
            } finally {
                closeAll(held);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aContextTakesAtMostItsShareOfAPoolSharedBySchemas(Kind kind) throws Exception {
        assertSharedPoolIsShared(new Scenario(kind, IsolationStrategy.SCHEMA, Pooling.SINGLE_POOL));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aContextTakesAtMostItsShareOfThePoolOfTheSharedSchema(Kind kind) throws Exception {
        assertSharedPoolIsShared(new Scenario(kind, IsolationStrategy.SHARED, Pooling.PER_CONTEXT));
    }

    private static void assertSharedPoolIsShared(Scenario scenario) throws Exception {
        try (scenario; ContextDb db = scenario.builder(SHOP).pool("maximumPoolSize", "4").pool("connectionTimeout", "250")
                .build()) {
            DataSource orders = db.dataSource("orders");
            // Default share of 4 connections: 3, so that one stays for the others.
            List<Connection> held = hold(orders, 3);
            try {
                assertThatThrownBy(() -> orders.getConnection().close())
                        .isInstanceOf(SQLTransientConnectionException.class)
                        .hasMessage("Context 'orders' holds 3 connections of its shared pool, as many as"
                                + " context-db.max-connections-per-context allows, and none was returned within 250 ms."
                                + " Return connections sooner (a transaction per unit of work), or raise"
                                + " context-db.max-connections-per-context or the pool's maximumPoolSize.");
                for (String other : List.of("catalog", "inventory")) {
                    assertThat(new JdbcTemplate(db.dataSource(other)).queryForObject("select 1", Integer.class))
                            .as(other + " is served while orders holds all it may").isEqualTo(1);
                }

                // A borrower over the share waits for one of the context's connections, and gets it.
                CountDownLatch asking = new CountDownLatch(1);
                CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
                    asking.countDown();
                    return new JdbcTemplate(orders).queryForObject("select 1", Integer.class);
                });
                assertThat(asking.await(10, TimeUnit.SECONDS)).isTrue();
                held.remove(0).close();
                assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            } finally {
                closeAll(held);
            }
        }
    }

    @Test
    void theShareCanBeSetAndIsCheckedAgainstThePool() throws Exception {
        try (Scenario scenario = new Scenario(Kind.H2, IsolationStrategy.SCHEMA, Pooling.SINGLE_POOL);
                ContextDb db = scenario.builder(SHOP).pool("maximumPoolSize", "4").pool("connectionTimeout", "250")
                        .maxConnectionsPerContext(1).build()) {
            List<Connection> held = hold(db.dataSource("orders"), 1);
            try {
                assertThatThrownBy(() -> db.dataSource("orders").getConnection().close())
                        .hasMessageStartingWith("Context 'orders' holds 1 connections of its shared pool");
            } finally {
                closeAll(held);
            }
        }
        try (Scenario scenario = new Scenario(Kind.H2, IsolationStrategy.SCHEMA, Pooling.SINGLE_POOL)) {
            assertThatThrownBy(() -> scenario.builder(SHOP).pool("maximumPoolSize", "4").maxConnectionsPerContext(5)
                    .build().close())
                    .isInstanceOf(ContextDbConfigurationException.class)
                    .hasMessageContaining("context-db.max-connections-per-context = 5 is more than the 4 connections"
                            + " of the pool that context 'catalog' shares with other contexts");
        }
        assertThatThrownBy(() -> ContextDb.builder(SHOP).maxConnectionsPerContext(0))
                .isInstanceOf(ContextDbConfigurationException.class)
                .hasMessageContaining("context-db.max-connections-per-context = 0");
    }

    @Test
    void theDefaultShareLeavesAConnectionForTheOthers() {
        assertThat(dev.contextdb.internal.Planner.defaultShare(1)).isEqualTo(1);
        assertThat(dev.contextdb.internal.Planner.defaultShare(2)).isEqualTo(1);
        assertThat(dev.contextdb.internal.Planner.defaultShare(4)).isEqualTo(3);
        assertThat(dev.contextdb.internal.Planner.defaultShare(10)).isEqualTo(8);
        assertThat(dev.contextdb.internal.Planner.defaultShare(100)).isEqualTo(75);
    }

    private static List<Connection> hold(DataSource dataSource, int connections) throws SQLException {
        List<Connection> held = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            held.add(dataSource.getConnection());
        }
        return held;
    }

    private static void closeAll(List<Connection> connections) throws SQLException {
        for (Connection connection : connections) {
            connection.close();
        }
    }
}
