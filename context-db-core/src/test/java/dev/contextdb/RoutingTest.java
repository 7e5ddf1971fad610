package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The routing DataSource: where it routes, inside and outside transactions, and how it fails. */
class RoutingTest {

    static final ContextModel SHOP = ContextModel.scan("dev.contextdb.fixtures.shop");

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"H2", "POSTGRESQL"})
    void withoutACurrentContextTheRouterSaysHowToEnterOne(Kind kind) throws Exception {
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                ContextDb db = scenario.builder(SHOP).build()) {
            DataSource routing = db.routingDataSource();
            assertThatThrownBy(routing::getConnection)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("No bounded context is current on thread 'main', so the routing DataSource cannot choose"
                            + " a database. Enter one with ContextScope.run(\"<context>\", ...), call the code through a"
                            + " bean or @Transactional method of its context, use the context's own DataSource or transaction"
                            + " manager, or set context-db.default-context. Contexts: [catalog, inventory, orders].");
            assertThatThrownBy(() -> ContextScope.run("shipping", () -> routing.getConnection().close()))
                    .hasMessage("Unknown bounded context 'shipping' is current on thread 'main'; known contexts:"
                            + " [catalog, inventory, orders]. Check the name given to ContextScope.");
            assertThat(ContextScope.current()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void theFirstStatementOfATransactionIsRoutedIntoIt(Kind kind) {
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SCHEMA, Pooling.SINGLE_POOL);
                ContextDb db = scenario.builder(SHOP).build()) {
            JdbcTemplate routed = new JdbcTemplate(db.routingDataSource());
            TransactionTemplate inOrders = new TransactionTemplate(db.transactionManager("orders"));

            inOrders.executeWithoutResult(tx -> {
                // Nothing ran in this transaction before: the context was entered before its connection was taken.
                routed.update("insert into purchase_order (id, product_id, quantity) values (1, 1, 1)");
                assertThat(DataSourceUtils.getConnection(db.routingDataSource()))
                        .isSameAs(DataSourceUtils.getConnection(db.dataSource("orders")));
                tx.setRollbackOnly();
            });

            assertThat(scenario.database().queryStrings("select count(*) from "
                    + scenario.qualified("orders", "purchase_order"))).containsExactly("0");
            assertThat(ContextScope.current()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void anotherContextInsideATransactionGetsItsOwnConnectionNeverTheOuterOne(Kind kind) {
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SHARED, Pooling.PER_CONTEXT);
                ContextDb db = scenario.builder(SHOP).build()) {
            DataSource routing = db.routingDataSource();
            JdbcTemplate routed = new JdbcTemplate(routing);
            TransactionTemplate inOrders = new TransactionTemplate(db.transactionManager("orders"));
            TransactionTemplate inInventory = new TransactionTemplate(db.transactionManager("inventory"));

            inOrders.executeWithoutResult(tx -> {
                routed.update("insert into purchase_order (id, product_id, quantity) values (1, 1, 1)");
                Connection ordersConnection = DataSourceUtils.getConnection(routing);
                List<String> resumedIn = new ArrayList<>();
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void resume() {
                        resumedIn.add(ContextScope.current().orElse("none"));
                    }
                });

                inInventory.executeWithoutResult(inner -> {
                    assertThat(ContextScope.current()).contains("inventory");
                    Connection inventoryConnection = DataSourceUtils.getConnection(routing);
                    assertThat(inventoryConnection).isNotSameAs(ordersConnection);
                    routed.update("insert into stock (product_id, quantity) values (1, 10)");
                });
                ContextScope.run("catalog", () -> {
                    // Not part of orders' transaction: nothing is bound, the connection goes back at once.
                    Connection catalogConnection = DataSourceUtils.getConnection(routing);
                    assertThat(catalogConnection).isNotSameAs(ordersConnection);
                    DataSourceUtils.releaseConnection(catalogConnection, routing);
                    assertThat(isClosed(catalogConnection)).isTrue();
                    routed.update("insert into product (id, name) values (1, 'teapot')");
                });

                assertThat(ContextScope.current()).contains("orders");
                // orders' synchronizations resumed after inventory's transaction and after catalog's
                // scope, each time with orders current again.
                assertThat(resumedIn).containsExactly("orders", "orders");
                assertThat(DataSourceUtils.getConnection(routing)).isSameAs(ordersConnection);
                tx.setRollbackOnly();
            });

            // orders rolled back; inventory's transaction and catalog's auto-committed insert stand.
            assertThat(scenario.query("orders", "select count(*) from " + scenario.qualified("orders", "purchase_order")))
                    .containsExactly("0");
            assertThat(scenario.query("inventory", "select quantity from " + scenario.qualified("inventory", "stock")))
                    .containsExactly("10");
            assertThat(scenario.query("catalog", "select name from " + scenario.qualified("catalog", "product")))
                    .containsExactly("teapot");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void requiresNewInTheSameContextRunsOnItsOwnConnectionAndTheOuterResumesOnItsOwn(Kind kind) {
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                ContextDb db = scenario.builder(SHOP).build()) {
            DataSource routing = db.routingDataSource();
            JdbcTemplate routed = new JdbcTemplate(routing);
            TransactionTemplate outer = new TransactionTemplate(db.transactionManager("orders"));
            TransactionTemplate requiresNew = new TransactionTemplate(db.transactionManager("orders"));
            requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
            List<String> seen = new ArrayList<>();
            int[] id = {0};
            Runnable work = () -> outer.executeWithoutResult(tx -> {
                Connection outerConnection = DataSourceUtils.getConnection(routing);
                routed.update("insert into purchase_order (id, product_id, quantity) values (?, 1, 1)", ++id[0]);
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void resume() {
                        seen.add("outer resumed in " + ContextScope.current().orElse("none"));
                    }
                });
                requiresNew.executeWithoutResult(inner -> {
                    assertThat(DataSourceUtils.getConnection(routing)).isNotSameAs(outerConnection);
                    routed.update("insert into purchase_order (id, product_id, quantity) values (?, 2, 2)", ++id[0]);
                });
                assertThat(ContextScope.current()).contains("orders");
                assertThat(DataSourceUtils.getConnection(routing)).isSameAs(outerConnection);
                tx.setRollbackOnly();
            });

            // Entered by a bean of the context first (the usual case), and from outside every context.
            ContextScope.run("orders", work::run);
            work.run();

            assertThat(seen).containsExactly("outer resumed in orders", "outer resumed in orders");
            assertThat(ContextScope.current()).isEmpty();
            // The outer transactions rolled back; the inner ones committed on their own connections.
            assertThat(scenario.query("orders", "select product_id from "
                    + scenario.qualified("orders", "purchase_order") + " order by id")).containsExactly("2", "2");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"H2"})
    void theCurrentContextIsRestoredAfterExceptions(Kind kind) {
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                ContextDb db = scenario.builder(SHOP).build()) {
            TransactionTemplate inOrders = new TransactionTemplate(db.transactionManager("orders"));
            ContextScope.run("catalog", () -> {
                assertThatThrownBy(() -> ContextScope.run("inventory", () -> {
                    throw new IllegalArgumentException("boom");
                })).hasMessage("boom");
                assertThat(ContextScope.current()).contains("catalog");
                assertThatThrownBy(() -> inOrders.executeWithoutResult(tx -> {
                    assertThat(ContextScope.current()).contains("orders");
                    throw new IllegalStateException("rolled back");
                })).hasMessage("rolled back");
                assertThat(ContextScope.current()).contains("catalog");
                String inTransaction = inOrders.execute(tx -> ContextScope.current().orElseThrow());
                assertThat(inTransaction).isEqualTo("orders");
                assertThat(ContextScope.current()).contains("catalog");
            });
            assertThat(ContextScope.current()).isEmpty();
        }
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
