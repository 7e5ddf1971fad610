package dev.contextdb.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.ContextScope;
import dev.contextdb.boot.datajdbc.catalog.Product;
import dev.contextdb.boot.datajdbc.catalog.ProductTag;
import dev.contextdb.boot.datajdbc.catalog.Products;
import dev.contextdb.boot.datajdbc.orders.OrderLine;
import dev.contextdb.boot.datajdbc.orders.PurchaseOrder;
import dev.contextdb.boot.datajdbc.orders.PurchaseOrders;
import dev.contextdb.test.TestDatabase;
import dev.contextdb.test.TestDatabase.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.data.jdbc.core.dialect.JdbcH2Dialect;
import org.springframework.data.jdbc.core.dialect.JdbcMariaDbDialect;
import org.springframework.data.jdbc.core.dialect.JdbcPostgresDialect;
import org.springframework.data.relational.core.dialect.Dialect;
import org.springframework.data.relational.core.sql.SqlIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Two DATABASE contexts, each on a database of its own and perhaps of another vendor: each
 * context's Spring Data JDBC speaks its own database's dialect, and reads the children of its
 * aggregates ({@code @MappedCollection} tables) from its own database.
 */
class DataJdbcAcrossDatabasesTest {

    static Stream<Object[]> vendors() {
        return Stream.of(new Object[] {Kind.MARIADB, Kind.POSTGRESQL}, new Object[] {Kind.POSTGRESQL, Kind.MARIADB},
                new Object[] {Kind.H2, Kind.H2});
    }

    /**
     * Regression test for spring-data-relational#2224: with several {@code @EnableJdbcRepositories},
     * the children of an aggregate are read through the primary DataSource. Here the child tables
     * exist only in their context's database; the aggregates are loaded outside every context and
     * transaction (where the routing DataSource serves nothing), and from inside the other context
     * (where it serves the other database, which has no such table).
     */
    @ParameterizedTest(name = "orders on {0}, catalog on {1}")
    @MethodSource("vendors")
    void aggregatesReadTheirChildrenFromTheirOwnDatabase(Kind ordersKind, Kind catalogKind) {
        try (TestDatabase ordersServer = TestDatabase.of(ordersKind); TestDatabase catalogServer = TestDatabase.of(catalogKind)) {
            String ordersDatabase = ordersServer.createDatabase("orders");
            String catalogDatabase = catalogServer.createDatabase("catalog");
            List<String> properties = new ArrayList<>(List.of("context-db.strategy=DATABASE",
                    "context-db.pool.maximum-pool-size=2", "context-db.pool.minimum-idle=1"));
            properties.addAll(DataJdbcShop.ownDatabase("orders", ordersServer, ordersDatabase));
            properties.addAll(DataJdbcShop.ownDatabase("catalog", catalogServer, catalogDatabase));
            DataJdbcShop.runner().withPropertyValues(properties.toArray(String[]::new)).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(ordersServer.tablesInDatabase(ordersDatabase)).contains("order_line").doesNotContain("product_tag");
                assertThat(catalogServer.tablesInDatabase(catalogDatabase)).contains("product_tag").doesNotContain("order_line");

                PurchaseOrders orders = context.getBean(PurchaseOrders.class);
                Products products = context.getBean(Products.class);
                long orderId = orders.save(PurchaseOrder.of("alice", new OrderLine("pen", 2), new OrderLine("ink", 1))).id();
                long productId = products.save(Product.of("pen", "blue", "cheap")).id();

                assertThat(ContextScope.current()).isEmpty();
                assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isFalse();
                // Through the repositories (each call its own read-only transaction of its context) ...
                assertThat(orders.findById(orderId).orElseThrow().lines())
                        .containsExactlyInAnyOrder(new OrderLine("pen", 2), new OrderLine("ink", 1));
                assertThat(products.findById(productId).orElseThrow().tags())
                        .containsExactly(new ProductTag("blue"), new ProductTag("cheap"));
                // ... through the templates, with no transaction at all ...
                JdbcAggregateTemplate ordersTemplate = context.getBean("ordersJdbcAggregateTemplate", JdbcAggregateTemplate.class);
                JdbcAggregateTemplate catalogTemplate = context.getBean("catalogJdbcAggregateTemplate", JdbcAggregateTemplate.class);
                assertThat(ordersTemplate.findById(orderId, PurchaseOrder.class).lines()).hasSize(2);
                assertThat(catalogTemplate.findById(productId, Product.class).tags()).hasSize(2);
                // ... and from inside the other context, where the routing DataSource is the other database.
                assertThat(ContextScope.call("catalog", () -> ordersTemplate.findById(orderId, PurchaseOrder.class)).lines())
                        .hasSize(2);
                assertThat(ContextScope.call("orders", () -> catalogTemplate.findById(productId, Product.class)).tags())
                        .hasSize(2);
                // Which that database indeed cannot answer: the test would notice a read through it.
                JdbcTemplate routing = new JdbcTemplate(context.getBean("dataSource", DataSource.class));
                assertThatThrownBy(() -> ContextScope.run("catalog", () -> routing.queryForList("select * from order_line")))
                        .hasMessageContaining("order_line");
            });
        }
    }

    @ParameterizedTest(name = "orders on {0}, catalog on {1}")
    @MethodSource("vendors")
    void eachContextSpeaksItsOwnDatabasesDialect(Kind ordersKind, Kind catalogKind) {
        try (TestDatabase ordersServer = TestDatabase.of(ordersKind); TestDatabase catalogServer = TestDatabase.of(catalogKind)) {
            List<String> properties = new ArrayList<>(List.of("context-db.strategy=DATABASE",
                    "context-db.pool.maximum-pool-size=2", "context-db.pool.minimum-idle=1"));
            properties.addAll(DataJdbcShop.ownDatabase("orders", ordersServer, ordersServer.createDatabase("orders")));
            properties.addAll(DataJdbcShop.ownDatabase("catalog", catalogServer, catalogServer.createDatabase("catalog")));
            DataJdbcShop.runner().withPropertyValues(properties.toArray(String[]::new)).run(context -> {
                assertThat(context).hasNotFailed();
                Dialect orders = context.getBean("ordersJdbcAggregateTemplate", JdbcAggregateTemplate.class)
                        .getDataAccessStrategy().getDialect();
                Dialect catalog = context.getBean("catalogJdbcAggregateTemplate", JdbcAggregateTemplate.class)
                        .getDataAccessStrategy().getDialect();
                assertDialect(orders, ordersKind);
                assertDialect(catalog, catalogKind);

                // Paging renders differently per dialect (LIMIT n OFFSET m, LIMIT m, n, OFFSET … FETCH): both work.
                PurchaseOrders purchaseOrders = context.getBean(PurchaseOrders.class);
                Products products = context.getBean(Products.class);
                for (String name : List.of("ann", "bea", "cid", "dan", "eve")) {
                    purchaseOrders.save(PurchaseOrder.of(name, new OrderLine(name + "-item", 1)));
                    products.save(Product.of(name, name + "-tag"));
                }
                assertThat(purchaseOrders.findAll(PageRequest.of(1, 2, Sort.by("customer"))))
                        .extracting(PurchaseOrder::customer).containsExactly("cid", "dan");
                assertThat(products.findAll(PageRequest.of(2, 2, Sort.by("name").descending())))
                        .extracting(Product::name).containsExactly("ann");
            });
        }
    }

    private static void assertDialect(Dialect dialect, Kind kind) {
        String quoted = SqlIdentifier.quoted("purchase_order").toSql(dialect.getIdentifierProcessing());
        switch (kind) {
            case POSTGRESQL -> {
                assertThat(dialect).isInstanceOf(JdbcPostgresDialect.class);
                assertThat(quoted).isEqualTo("\"purchase_order\"");
            }
            case MARIADB -> {
                assertThat(dialect).isInstanceOf(JdbcMariaDbDialect.class);
                assertThat(quoted).isEqualTo("`purchase_order`");
            }
            case H2 -> {
                assertThat(dialect).isInstanceOf(JdbcH2Dialect.class);
                assertThat(quoted).isEqualTo("\"purchase_order\"");
            }
        }
    }
}
