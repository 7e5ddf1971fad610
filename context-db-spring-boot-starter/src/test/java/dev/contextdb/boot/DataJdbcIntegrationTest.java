package dev.contextdb.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.ContextScope;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.boot.datajdbc.catalog.Product;
import dev.contextdb.boot.datajdbc.catalog.ProductTag;
import dev.contextdb.boot.datajdbc.catalog.Products;
import dev.contextdb.boot.datajdbc.orders.OrderLine;
import dev.contextdb.boot.datajdbc.orders.OrderNote;
import dev.contextdb.boot.datajdbc.orders.OrderNotes;
import dev.contextdb.boot.datajdbc.orders.OrderService;
import dev.contextdb.boot.datajdbc.orders.PurchaseOrder;
import dev.contextdb.boot.datajdbc.orders.PurchaseOrders;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/**
 * The Spring Data JDBC application on real databases under every strategy: the same aggregates and
 * repositories, only {@code context-db.strategy} and the places change. Rows are read back over a
 * connection of the test's own, with SQL qualified by the place the strategy gives each context.
 */
class DataJdbcIntegrationTest {

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.contextdb.boot.Shop#everyVendorAndStrategy")
    void aggregatesAndRepositoriesWorkInEachContextsOwnPlace(Kind kind, IsolationStrategy strategy) {
        try (Scenario scenario = Shop.scenario(kind, strategy)) {
            DataJdbcShop.runner().withPropertyValues(DataJdbcShop.properties(scenario)).run(context -> {
                assertThat(context).hasNotFailed();
                OrderService service = context.getBean(OrderService.class);
                PurchaseOrders orders = context.getBean(PurchaseOrders.class);
                Products products = context.getBean(Products.class);
                assertThat(ContextScope.current()).isEmpty();

                // A generated id, children in their own table, a derived query: no context entered,
                // no transaction of the caller's.
                long id = service.place(PurchaseOrder.of("alice", new OrderLine("pen", 2), new OrderLine("ink", 1)));
                PurchaseOrder loaded = orders.findById(id).orElseThrow();
                assertThat(loaded.customer()).isEqualTo("alice");
                assertThat(loaded.lines()).containsExactlyInAnyOrder(new OrderLine("pen", 2), new OrderLine("ink", 1));
                assertThat(orders.findByCustomer("alice")).extracting(PurchaseOrder::id).containsExactly(id);

                // Repository save and JdbcClient in one transaction of orders: the failure undoes both.
                assertThatThrownBy(() -> service.placeThenFail(PurchaseOrder.of("bob", new OrderLine("cup", 1))))
                        .hasMessageStartingWith("order ").hasMessageEndingWith(" failed");
                assertThat(orders.count()).isEqualTo(1);

                // An id drawn from a sequence of the context's own database.
                OrderNotes notes = context.getBean(OrderNotes.class);
                assertThat(List.of(notes.save(new OrderNote(null, "first")).id(), notes.save(new OrderNote(null, "second")).id()))
                        .containsExactly(100L, 101L);

                // A custom fragment, with the context's own JdbcClient.
                orders.recordEvent("audited");
                assertThat(orders.countEvents()).isEqualTo(2);

                // Catalog: an ordered list of children, paging (the dialect writes the LIMIT clause).
                for (String name : List.of("eraser", "folder", "glue", "marker", "ruler")) {
                    products.save(Product.of(name, name + "-a", name + "-b"));
                }
                assertThat(products.findAll(PageRequest.of(1, 2, Sort.by("name"))).getContent())
                        .extracting(Product::name).containsExactly("glue", "marker");
                Product glue = products.findAll(Sort.by("name")).get(2);
                assertThat(products.findById(glue.id()).orElseThrow().tags())
                        .containsExactly(new ProductTag("glue-a"), new ProductTag("glue-b"));

                assertPlacement(scenario, id);
            });
        }
    }

    /** Read over the test's own connection: the rows are where the strategy puts each context. */
    private static void assertPlacement(Scenario scenario, long id) {
        switch (scenario.strategy()) {
            case SCHEMA, DATABASE -> {
                assertThat(scenario.tablesOf("orders"))
                        .containsExactly("flyway_schema_history", "order_event", "order_line", "order_note", "purchase_order");
                assertThat(scenario.tablesOf("catalog")).containsExactly("flyway_schema_history", "product", "product_tag");
            }
            case SHARED -> assertThat(scenario.tablesOf("orders")).contains("purchase_order", "order_line",
                    "order_event", "order_note", "product", "product_tag");
        }
        assertThat(scenario.query("orders", "select customer from " + scenario.qualified("orders", "purchase_order")))
                .containsExactly("alice");
        assertThat(scenario.query("orders", "select product from " + scenario.qualified("orders", "order_line")
                + " where purchase_order = " + id + " order by product")).containsExactly("ink", "pen");
        assertThat(scenario.query("orders", "select description from " + scenario.qualified("orders", "order_event")
                + " order by id")).containsExactly("placed " + id, "audited");
        assertThat(scenario.query("orders", "select text from " + scenario.qualified("orders", "order_note")
                + " where id = 101")).containsExactly("second");
        assertThat(scenario.query("catalog", "select count(*) from " + scenario.qualified("catalog", "product_tag")))
                .containsExactly("10");
    }
}
