package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same three contexts' code under every strategy on every vendor: rows land where the
 * strategy puts them, each context has its own migration history, and a rollback in one context
 * leaves another's committed work intact. Everything is checked in the database's own catalog.
 */
class StrategiesTest {

    static final ContextModel SHOP = ContextModel.scan("dev.contextdb.fixtures.shop");

    /**
     * Only the names of the cases: each case connects in its own body, so a server that is down
     * skips (or, under CI, fails) its own cases and leaves the others, H2's above all, running.
     */
    static Stream<Arguments> scenarios() {
        List<Arguments> scenarios = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            scenarios.add(Arguments.of(kind, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT));
            scenarios.add(Arguments.of(kind, IsolationStrategy.SCHEMA, Pooling.SINGLE_POOL));
            scenarios.add(Arguments.of(kind, IsolationStrategy.SHARED, Pooling.PER_CONTEXT));
            scenarios.add(Arguments.of(kind, IsolationStrategy.DATABASE, Pooling.PER_CONTEXT));
        }
        return scenarios.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("scenarios")
    void sameContextCodeRunsUnderEveryStrategy(Kind kind, IsolationStrategy strategy, Pooling pooling) {
        try (Scenario scenario = new Scenario(kind, strategy, pooling); ContextDb db = scenario.builder(SHOP).build()) {
            ShopFlow.exercise(db);

            assertPlacement(scenario, db);
            assertRows(scenario);
            assertHistories(scenario, db);
        }
    }

    private static void assertPlacement(Scenario scenario, ContextDb db) {
        switch (scenario.strategy()) {
            case SCHEMA, DATABASE -> {
                assertThat(scenario.tablesOf("catalog")).containsExactly("flyway_schema_history", "product");
                assertThat(scenario.tablesOf("inventory")).containsExactly("flyway_schema_history", "stock");
                assertThat(scenario.tablesOf("orders")).containsExactly("flyway_schema_history", "purchase_order");
                for (String context : SHOP.names()) {
                    if (scenario.strategy() == IsolationStrategy.SCHEMA) {
                        assertThat(db.placement(context).schema()).isEqualTo(scenario.placeOf(context));
                    } else {
                        assertThat(db.placement(context).url()).contains(scenario.placeOf(context));
                    }
                }
            }
            case SHARED -> {
                assertThat(scenario.tablesOf("catalog")).contains("product", "stock", "purchase_order",
                        "flyway_schema_history_catalog", "flyway_schema_history_inventory",
                        "flyway_schema_history_orders");
                assertThat(scenario.tablesOf("catalog")).doesNotContain("flyway_schema_history");
            }
        }
    }

    private static void assertRows(Scenario scenario) {
        assertThat(scenario.query("catalog", "select name from " + scenario.qualified("catalog", "product")
                + " order by id")).containsExactly("teapot", "kettle");
        assertThat(scenario.query("inventory", "select quantity from " + scenario.qualified("inventory", "stock")
                + " order by product_id")).containsExactly("7", "3");
        assertThat(scenario.query("orders", "select id from " + scenario.qualified("orders", "purchase_order")))
                .containsExactly("101");
    }

    private static void assertHistories(Scenario scenario, ContextDb db) {
        for (String context : SHOP.names()) {
            String history = scenario.strategy() == IsolationStrategy.SHARED ? "flyway_schema_history_" + context
                    : "flyway_schema_history";
            if (scenario.kind() == Kind.H2) {
                history = '"' + history + '"'; // Flyway creates it quoted, in lower case
            }
            String script = scenario.kind() == Kind.H2 ? "\"script\"" : "script";
            String version = scenario.kind() == Kind.H2 ? "\"version\"" : "version";
            assertThat(scenario.query(context, "select " + script + " from " + scenario.qualified(context, history)
                    + " where " + version + " = '1'")).singleElement().asString().startsWith("V1__");
            assertThat(db.migrations().get(context).applied()).isEqualTo(1);
            assertThat(db.migrations().get(context).version()).isEqualTo("1");
        }
    }
}
