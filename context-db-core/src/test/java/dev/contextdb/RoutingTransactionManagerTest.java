package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.StatementCallback;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

class RoutingTransactionManagerTest {

    @Test
    void aTransactionRunsInTheCurrentContextsManager() throws Exception {
        try (Scenario scenario = new Scenario(Kind.H2, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                ContextDb db = scenario.builder(RoutingTest.SHOP).build()) {
            TransactionTemplate anywhere = new TransactionTemplate(db.routingTransactionManager());
            ContextScope.run("catalog", () -> anywhere.executeWithoutResult(tx -> {
                assertThat(ContextScope.current()).contains("catalog");
                // The transaction's connection is catalog's own: its DataSource finds it bound.
                assertThat(TransactionSynchronizationManager.hasResource(db.dataSource("catalog"))).isTrue();
            }));
        }
    }

    @Test
    void withoutACurrentContextItFailsAsTheRoutingDataSourceDoes() throws Exception {
        try (Scenario scenario = new Scenario(Kind.H2, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                ContextDb db = scenario.builder(RoutingTest.SHOP).build()) {
            TransactionTemplate anywhere = new TransactionTemplate(db.routingTransactionManager());
            assertThatThrownBy(() -> anywhere.executeWithoutResult(tx -> { }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("No bounded context is current on thread 'main', so the routing transaction manager"
                            + " cannot choose a database. Enter one with ContextScope.run(\"<context>\", ...), call the"
                            + " code through a bean or @Transactional method of its context, use the context's own"
                            + " DataSource or transaction manager, or set context-db.default-context. Contexts:"
                            + " [catalog, inventory, orders].");
            assertThatThrownBy(() -> ContextScope.run("shipping", () -> anywhere.executeWithoutResult(tx -> { })))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Unknown bounded context 'shipping' is current on thread 'main'; known contexts:"
                            + " [catalog, inventory, orders]. Check the name given to ContextScope.");
        }
    }

    @Test
    void theDefaultContextServesCodeOutsideEveryContext() throws Exception {
        try (Scenario scenario = new Scenario(Kind.H2, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                ContextDb db = scenario.builder(RoutingTest.SHOP).defaultContext("orders").build()) {
            new TransactionTemplate(db.routingTransactionManager()).executeWithoutResult(tx ->
                    assertThat(ContextScope.current()).contains("orders"));
            assertThat(ContextScope.current()).isEmpty();
        }
    }

    @Test
    void customizersSetUpEachContextsManagerOnce() throws Exception {
        List<String> customized = new CopyOnWriteArrayList<>();
        try (Scenario scenario = new Scenario(Kind.H2, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                ContextDb db = scenario.builder(RoutingTest.SHOP)
                        .transactionManagerCustomizer((context, manager) -> customized.add(context))
                        .transactionManagerCustomizer((context, manager) -> manager.setDefaultTimeout(7))
                        .build()) {
            assertThat(customized).containsExactlyInAnyOrder("catalog", "inventory", "orders");
            JdbcTemplate orders = new JdbcTemplate(db.dataSource("orders"));
            // The default timeout reaches the statements of the context's transactions.
            int timeout = new TransactionTemplate(db.transactionManager("orders")).execute(tx ->
                    orders.execute((StatementCallback<Integer>) Statement::getQueryTimeout));
            assertThat(timeout).isEqualTo(7);
        }
    }

    @Test
    void aSuppliedManagerIsCreatedAtTheFirstTransactionCustomizedAndRunsInTheContext() throws Exception {
        List<String> created = new CopyOnWriteArrayList<>();
        List<String> customized = new CopyOnWriteArrayList<>();
        try (Scenario scenario = new Scenario(Kind.H2, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                ContextDb db = scenario.builder(RoutingTest.SHOP)
                        .transactionManagerCustomizer((context, manager) -> customized.add(context + ":"
                                + manager.getClass().getSimpleName()))
                        .resourceTransactionManager("orders", dataSource -> {
                            created.add("orders");
                            return new SuppliedManager(dataSource);
                        })
                        .build()) {
            // Not while the data layer starts: what it is built on may need the context's DataSource.
            assertThat(created).isEmpty();
            assertThat(customized).containsExactlyInAnyOrder("catalog:DataSourceTransactionManager",
                    "inventory:DataSourceTransactionManager");

            JdbcTemplate orders = new JdbcTemplate(db.dataSource("orders"));
            orders.update("create table supplied_probe(id int)");
            TransactionTemplate inOrders = new TransactionTemplate(db.transactionManager("orders"));
            inOrders.executeWithoutResult(tx -> {
                assertThat(ContextScope.current()).contains("orders");
                orders.update("insert into supplied_probe values (1)");
                tx.setRollbackOnly();
            });
            // The routing manager picks the same (single) supplied manager.
            ContextScope.run("orders", () -> new TransactionTemplate(db.routingTransactionManager())
                    .executeWithoutResult(tx -> { }));

            assertThat(created).containsExactly("orders");
            assertThat(customized).contains("orders:SuppliedManager");
            // The JDBC work joined the supplied manager's transaction: rolled back with it.
            assertThat(orders.queryForObject("select count(*) from supplied_probe", Integer.class)).isZero();
            assertThat(ContextScope.current()).isEmpty();
        }
    }

    @Test
    void aManagerSuppliedForAnUnknownContextIsRefused() throws Exception {
        try (Scenario scenario = new Scenario(Kind.H2, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT)) {
            assertThatThrownBy(() -> scenario.builder(RoutingTest.SHOP)
                    .resourceTransactionManager("shipping", org.springframework.jdbc.datasource.DataSourceTransactionManager::new)
                    .build())
                    .isInstanceOf(ContextDbConfigurationException.class)
                    .hasMessage("A transaction manager was supplied for 'shipping', which is no declared context;"
                            + " declared: [catalog, inventory, orders]. Fix: supply it for one of the declared contexts.");
        }
    }

    private static final class SuppliedManager extends org.springframework.jdbc.datasource.DataSourceTransactionManager {
        SuppliedManager(javax.sql.DataSource dataSource) {
            super(dataSource);
        }
    }
}
