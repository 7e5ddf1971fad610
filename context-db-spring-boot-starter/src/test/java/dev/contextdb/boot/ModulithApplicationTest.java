package dev.contextdb.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.boot.modulith.ModulithShopApplication;
import dev.contextdb.boot.modulith.inventory.InventoryManagement;
import dev.contextdb.boot.modulith.orders.OrderManagement;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A Spring Modulith application with JPA runs on context-db with annotations and properties only:
 * each {@code @ApplicationModule} package is a context with its own persistence unit, transaction
 * manager and migrations (from Modulith's {@code db/migration/<module>} folders), placed where the
 * strategy says. Spring Modulith's JDBC event registry and runtime are on this class path too.
 */
class ModulithApplicationTest {

    /** Only to create the scenario's schemas or databases; the application's own model comes from its scan. */
    private static final ContextModel PLACES = ContextModel.of(
            ContextDefinition.of("orders", "dev.contextdb.boot.modulith.orders"),
            ContextDefinition.of("inventory", "dev.contextdb.boot.modulith.inventory"));

    private static final ApplicationContextRunner RUNNER = JpaShop.runner()
            .withConfiguration(AutoConfigurations.of(ContextDbModulithAutoConfiguration.class))
            .withUserConfiguration(ModulithShopApplication.class);

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"H2, SCHEMA", "H2, DATABASE", "H2, SHARED", "POSTGRESQL, SCHEMA"})
    void everyModuleIsAContextWithItsOwnUnitAndPlace(Kind kind, IsolationStrategy strategy) {
        try (Scenario scenario = JpaShop.scenario(kind, strategy)) {
            RUNNER.withPropertyValues(Shop.placements(scenario, PLACES, 2).toArray(String[]::new))
                    .withPropertyValues("spring.jpa.hibernate.ddl-auto=validate")
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        ContextModel model = context.getBean(ContextModel.class);
                        assertThat(model.contexts()).extracting(ContextDefinition::source).containsExactlyInAnyOrder(
                                "Spring Modulith @ApplicationModule on package-info of dev.contextdb.boot.modulith.orders",
                                "Spring Modulith @ApplicationModule on package-info of"
                                        + " dev.contextdb.boot.modulith.inventory");
                        // allowedDependencies = "orders" is about code: inventory reads no data of orders.
                        assertThat(model.context("inventory")).map(ContextDefinition::reads).contains(List.of());
                        assertThat(context).hasBean("ordersEntityManagerFactory").hasBean("inventoryEntityManagerFactory");

                        OrderManagement orders = context.getBean(OrderManagement.class);
                        InventoryManagement inventory = context.getBean(InventoryManagement.class);
                        assertThat(orders.jdbc()).isSameAs(context.getBean("ordersJdbcClient"));
                        long id = orders.place("bolt", 3);
                        assertThat(id).isPositive();
                        inventory.receive("bolt", 40);
                        assertThat(inventory.onHand("bolt")).isEqualTo(40);

                        if (strategy == IsolationStrategy.SHARED) {
                            assertThat(scenario.tablesOf("orders")).contains("purchase_order", "stock_item",
                                    "flyway_schema_history_orders", "flyway_schema_history_inventory");
                        } else {
                            assertThat(scenario.tablesOf("orders"))
                                    .containsExactly("flyway_schema_history", "purchase_order");
                            assertThat(scenario.tablesOf("inventory"))
                                    .containsExactly("flyway_schema_history", "stock_item");
                        }
                        assertThat(scenario.query("orders", "select sku from "
                                + scenario.qualified("orders", "purchase_order"))).containsExactly("bolt");
                        assertThat(scenario.query("inventory", "select quantity from "
                                + scenario.qualified("inventory", "stock_item"))).containsExactly("40");
                    });
        }
    }
}
