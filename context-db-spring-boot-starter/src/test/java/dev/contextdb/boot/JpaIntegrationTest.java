package dev.contextdb.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.ContextScope;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.boot.jpa.JpaShopApplication;
import dev.contextdb.boot.jpa.outside.JpaReporting;
import dev.contextdb.boot.jpa.shipping.ShippingService;
import dev.contextdb.boot.jpa.stock.StockService;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JPA test application on real databases under every strategy: entities, repositories and
 * JdbcClient of a context in one transaction, identity and sequence ids, and each row where the
 * strategy puts it, checked from a connection of the test's own. Hibernate validates the mapping
 * against the migrated schema ({@code ddl-auto=validate}) in every run.
 */
class JpaIntegrationTest {

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.contextdb.boot.Shop#everyVendorAndStrategy")
    void repositoriesEntityManagersAndJdbcShareEachContextsTransactionInItsOwnPlace(Kind kind, IsolationStrategy strategy) {
        try (Scenario scenario = JpaShop.scenario(kind, strategy)) {
            JpaShop.runner().withUserConfiguration(JpaShopApplication.class)
                    .withPropertyValues(JpaShop.properties(scenario))
                    .withPropertyValues("spring.jpa.hibernate.ddl-auto=validate")
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        ShippingService shipping = context.getBean(ShippingService.class);
                        StockService stock = context.getBean(StockService.class);

                        long first = shipping.ship("Basel");
                        long second = shipping.shipWithEntityManager("Bern");
                        assertThat(second).isGreaterThan(first);
                        assertThat(shipping.countByDestination("Basel")).isEqualTo(1);
                        assertThat(stock.add("bolt", 5)).isEqualTo(1);
                        assertThat(stock.add("nut", 7)).isEqualTo(2);

                        // The repository's row and the JdbcClient's are one transaction: JDBC sees the
                        // JPA row before commit, and the failure rolls both back.
                        assertThatThrownBy(() -> shipping.shipThenFail("Chur"))
                                .hasMessageEndingWith("visible to JDBC in the transaction: 1");
                        assertThatThrownBy(() -> stock.addThenFail("washer")).hasMessage("item 3 failed");
                        assertThat(shipping.countByDestination("Chur")).isZero();
                        assertThat(shipping.notes()).isEqualTo(1);
                        assertThat(stock.count()).isEqualTo(2);

                        // Outside every context, the routing EntityManager serves the current context.
                        JpaReporting reporting = context.getBean(JpaReporting.class);
                        assertThat(ContextScope.call("shipping", reporting::shipments)).isEqualTo(2);

                        assertPlacement(scenario);
                    });
        }
    }

    private static void assertPlacement(Scenario scenario) {
        switch (scenario.strategy()) {
            case SCHEMA, DATABASE -> {
                assertThat(scenario.tablesOf("shipping")).containsExactly("flyway_schema_history", "shipment",
                        "shipment_note");
                assertThat(scenario.tablesOf("stock")).containsExactly("flyway_schema_history", "item");
            }
            case SHARED -> assertThat(scenario.tablesOf("shipping")).contains("shipment", "shipment_note", "item");
        }
        assertThat(scenario.query("shipping", "select destination from " + scenario.qualified("shipping", "shipment")
                + " order by id")).containsExactly("Basel", "Bern");
        assertThat(scenario.query("shipping", "select note from " + scenario.qualified("shipping", "shipment_note")))
                .containsExactly("shipped to Basel");
        assertThat(scenario.query("stock", "select name from " + scenario.qualified("stock", "item") + " order by id"))
                .containsExactly("bolt", "nut");
    }
}
