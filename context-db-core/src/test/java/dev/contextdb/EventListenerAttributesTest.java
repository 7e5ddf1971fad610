package dev.contextdb;

import static dev.contextdb.EventsTest.await;
import static dev.contextdb.EventsTest.reservations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.EventsTest.App;
import dev.contextdb.fixtures.events.warehouse.FailingCondition;
import dev.contextdb.fixtures.events.warehouse.Stocktake;
import dev.contextdb.fixtures.events.warehouse.UnparsableCondition;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The attributes of {@code @ApplicationModuleListener} beyond its id: {@code condition}, evaluated
 * when the event is delivered (false: delivered, not invoked, no inbox row), and
 * {@code readOnlyTransaction}, a read-only transaction of the listener's context without an inbox
 * row.
 */
class EventListenerAttributesTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Kind.class, names = {"H2", "POSTGRESQL"})
    void aConditionDecidesAtDeliveryWhetherTheListenerIsInvoked(Kind kind) {
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                App app = App.start(scenario.builder(EventsTest.MODEL).build(), events -> { }, Stocktake.class)) {
            app.sales().sell(70, "crate");
            app.sales().sell(71, "box");

            // Two sales, three listeners each: every delivery done, the refused one too.
            await(() -> app.events().count("sales", "DONE") == 6);
            Stocktake stocktake = app.context().getBean(Stocktake.class);
            assertThat(stocktake.large).containsExactly(70L);
            assertThat(reservations(scenario)).containsExactly("70 crate", "71 box");
            String inbox = scenario.qualified("warehouse", app.events().tables("warehouse").get(2));
            assertThat(scenario.query("warehouse", "select count(*) from " + inbox
                    + " where listener_id = 'stocktake.large'")).containsExactly("1");
        }
    }

    @Test
    void aReadOnlyListenerRunsInAReadOnlyTransactionWithoutAnInboxRow() {
        try (Scenario scenario = new Scenario(Kind.POSTGRESQL, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                App app = App.start(scenario.builder(EventsTest.MODEL).build(), events -> events.maxAttempts(1),
                        Stocktake.class)) {
            Stocktake stocktake = app.context().getBean(Stocktake.class);
            app.sales().sell(80, "tea");
            await(() -> app.events().count("sales", "DONE") == 3);
            assertThat(stocktake.counted).singleElement().asString().startsWith("80 true ");
            String inbox = scenario.qualified("warehouse", app.events().tables("warehouse").get(2));
            // Reservations' row alone: none of the read-only listener, none of the refused condition.
            assertThat(scenario.query("warehouse", "select listener_id from " + inbox)).containsExactly(
                    "dev.contextdb.fixtures.events.warehouse.Reservations.on(dev.contextdb.fixtures.events.sales.SaleMade)");

            // PostgreSQL refuses the write: the transaction is read-only indeed.
            app.sales().sell(81, "write");
            await(() -> app.events().count("sales", "DEAD") == 1 && app.events().count("sales", "DONE") == 5);
            assertThat(app.events().dead()).singleElement().satisfies(dead -> {
                assertThat(dead.listenerId()).isEqualTo("stocktake.count");
                assertThat(dead.lastError()).contains("cannot execute INSERT in a read-only transaction");
            });
            assertThat(reservations(scenario)).containsExactly("80 tea", "81 write");
        }
    }

    @Test
    void aConditionThatFailsFailsTheDeliveryNamingTheListener() {
        try (Scenario scenario = new Scenario(Kind.H2, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                App app = App.start(scenario.builder(EventsTest.MODEL).build(), events -> events.maxAttempts(1),
                        FailingCondition.class)) {
            app.sales().sell(90, "fig");

            await(() -> app.events().count("sales", "DEAD") == 1 && app.events().count("sales", "DONE") == 1);
            assertThat(app.events().dead()).singleElement().satisfies(dead -> {
                assertThat(dead.listenerId()).isEqualTo("failing.condition");
                assertThat(dead.lastError()).startsWith("java.lang.IllegalStateException: The condition"
                        + " \"#sale.weight() > 10\" of @ApplicationModuleListener failing.condition failed: ");
            });
            assertThat(reservations(scenario)).containsExactly("90 fig");
        }
    }

    @Test
    void aConditionThatIsNoExpressionFailsTheStartNamingTheListener() {
        try (Scenario scenario = new Scenario(Kind.H2, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT)) {
            ContextDb db = scenario.builder(EventsTest.MODEL).build();
            try {
                assertThatThrownBy(() -> App.start(db, events -> { }, UnparsableCondition.class))
                        .rootCause().isInstanceOf(org.springframework.expression.ParseException.class);
                assertThatThrownBy(() -> App.start(db, events -> { }, UnparsableCondition.class))
                        .hasStackTraceContaining("The condition of @ApplicationModuleListener"
                                + " dev.contextdb.fixtures.events.warehouse.UnparsableCondition.on("
                                + "dev.contextdb.fixtures.events.sales.SaleMade) is no SpEL expression: ");
            } finally {
                db.close();
            }
        }
    }
}
