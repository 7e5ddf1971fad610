package dev.contextdb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import dev.contextdb.ContextScope;
import dev.contextdb.IsolationStrategy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one thread-local context-db keeps: the routing DataSource reads it once per connection and
 * remembers its last choice there, yet never hands out another context's or another ContextDb's
 * connection, and nothing is left on the thread once the work is done.
 */
class ThreadStateTest {

    private static final ContextModel MODEL = ContextModel.of(List.of(ContextDefinition.of("orders", "t.orders"),
            ContextDefinition.of("catalog", "t.catalog")));

    @Test
    void theRouterFollowsEveryChangeOfContextAndOfContextDbOnOneThread() throws Exception {
        try (ContextDb one = database(); ContextDb two = database()) {
            DataSource routedOne = one.routingDataSource();
            DataSource routedTwo = two.routingDataSource();
            ContextScope.run("orders", () -> {
                assertThat(urlOf(routedOne)).isEqualTo(urlOf(one.dataSource("orders")));
                // The same context name, the same thread, another ContextDb: its own database.
                assertThat(urlOf(routedTwo)).isEqualTo(urlOf(two.dataSource("orders")))
                        .isNotEqualTo(urlOf(one.dataSource("orders")));
                ContextScope.run("catalog", () -> {
                    assertThat(urlOf(routedOne)).isEqualTo(urlOf(one.dataSource("catalog")));
                    assertThat(urlOf(routedTwo)).isEqualTo(urlOf(two.dataSource("catalog")));
                });
                assertThat(urlOf(routedOne)).isEqualTo(urlOf(one.dataSource("orders")));
                // A name equal to the current one but another String instance routes the same way.
                ContextScope.run(new String("catalog"), () ->
                        assertThat(urlOf(routedOne)).isEqualTo(urlOf(one.dataSource("catalog"))));
            });
            assertThatThrownBy(routedOne::getConnection).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("No bounded context is current on thread");
        }
    }

    @Test
    void nothingStaysOnTheThreadAfterScopesAndTransactions() throws Exception {
        try (ContextDb db = database()) {
            DataSource routed = db.routingDataSource();
            ContextScope.run("orders", () -> urlOf(routed));
            assertThat(ThreadState.get()).isNull();

            new TransactionTemplate(db.transactionManager("orders")).executeWithoutResult(tx -> {
                assertThat(ThreadState.get().open).containsExactly("orders");
                new TransactionTemplate(db.transactionManager("catalog")).executeWithoutResult(inner -> {
                    assertThat(ThreadState.get().open).containsExactly("orders", "catalog");
                    assertThat(ThreadState.get().current).isEqualTo("catalog");
                    inner.setRollbackOnly();
                });
                assertThat(ThreadState.get().open).containsExactly("orders");
                assertThat(ThreadState.get().current).isEqualTo("orders");
            });
            assertThat(ThreadState.get()).isNull();

            assertThatThrownBy(() -> ContextScope.run("orders", () -> {
                urlOf(routed);
                throw new SQLException("fails");
            })).hasMessage("fails");
            assertThat(ThreadState.get()).isNull();
        }
    }

    private static ContextDb database() {
        return ContextDb.builder(MODEL).strategy(IsolationStrategy.SCHEMA).migrate(false).build();
    }

    private static String urlOf(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getURL() + "#" + connection.getSchema();
        }
    }
}
