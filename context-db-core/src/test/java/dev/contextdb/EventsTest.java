package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.fixtures.events.sales.Sales;
import dev.contextdb.fixtures.events.warehouse.Reservations;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.EventListenerFactory;

/**
 * Events between contexts on every vendor and strategy: sales publishes {@code SaleMade} with its
 * sale, warehouse's {@code @ApplicationModuleListener} reserves stock in a warehouse transaction.
 * Every assertion reads the rows where the strategy put them.
 */
class EventsTest {

    static final ContextModel MODEL = ContextModel.scan("dev.contextdb.fixtures.events");

    static Stream<Arguments> scenarios() {
        List<Arguments> scenarios = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (IsolationStrategy strategy : IsolationStrategy.values()) {
                scenarios.add(Arguments.of(kind, strategy));
            }
        }
        return scenarios.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("scenarios")
    void committedEventIsDeliveredOnceInTheListenersContextTransaction(Kind kind, IsolationStrategy strategy) {
        try (Scenario scenario = new Scenario(kind, strategy, Pooling.PER_CONTEXT);
                App app = App.start(scenario.builder(MODEL).build(), events -> { })) {
            app.sales().sell(1, "apple");

            await(() -> reservations(scenario).contains("1 apple"));
            await(() -> app.events().count("sales", "DONE") == 1);
            assertThat(app.reservations().calls.get(1L)).hasValue(1);
            assertThat(app.reservations().seen).containsExactly("warehouse true");
            List<String> tables = app.events().tables("warehouse");
            assertThat(scenario.query("warehouse", "select listener_id from " + scenario.qualified("warehouse",
                    tables.get(2)))).containsExactly(
                    "dev.contextdb.fixtures.events.warehouse.Reservations.on(dev.contextdb.fixtures.events.sales.SaleMade)");
            assertThat(scenario.query("sales", "select event_type from " + scenario.qualified("sales",
                    app.events().tables("sales").get(0)))).containsExactly("dev.contextdb.fixtures.events.sales.SaleMade");
            assertThat(scenario.query("sales", "select sku from " + scenario.qualified("sales", "sale")))
                    .containsExactly("apple");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("scenarios")
    void rolledBackEventIsNeverStoredNorDelivered(Kind kind, IsolationStrategy strategy) {
        try (Scenario scenario = new Scenario(kind, strategy, Pooling.PER_CONTEXT);
                App app = App.start(scenario.builder(MODEL).build(), events -> { })) {
            assertThatThrownBy(() -> app.sales().sellAndFail(1, "pear")).hasMessage("declined");
            app.sales().sell(2, "plum");

            await(() -> app.events().count("sales", "DONE") == 1);
            assertThat(reservations(scenario)).containsExactly("2 plum");
            assertThat(app.reservations().calls).containsOnlyKeys(2L);
            assertThat(scenario.query("sales", "select count(*) from " + scenario.qualified("sales",
                    app.events().tables("sales").get(0)))).containsExactly("1");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("scenarios")
    void failingListenerIsRetriedUntilItSucceeds(Kind kind, IsolationStrategy strategy) {
        try (Scenario scenario = new Scenario(kind, strategy, Pooling.PER_CONTEXT);
                App app = App.start(scenario.builder(MODEL).build(), events -> { })) {
            app.reservations().failures.put(3L, new java.util.concurrent.atomic.AtomicInteger(2));
            app.sales().sell(3, "fig");

            await(() -> app.events().count("sales", "DONE") == 1);
            assertThat(app.reservations().calls.get(3L)).hasValue(3);
            // The failed attempts' inserts rolled back with their inbox rows: one reservation.
            assertThat(reservations(scenario)).containsExactly("3 fig");
            assertThat(scenario.query("sales", "select attempts from " + scenario.qualified("sales",
                    app.events().tables("sales").get(1)))).containsExactly("3");
        }
    }

    static List<String> reservations(Scenario scenario) {
        return scenario.query("warehouse", "select " + concat(scenario, "sale_id", "' '", "sku") + " from "
                + scenario.qualified("warehouse", "reservation") + " order by sale_id");
    }

    static String concat(Scenario scenario, String... parts) {
        return scenario.kind() == Kind.MARIADB ? "concat(" + String.join(", ", parts) + ")" : String.join(" || ", parts);
    }

    /** Polls until the condition holds, failing after a deadline. */
    static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Condition not met within 20 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** An application: the data layer, the events wired as the Spring Boot starter wires them, the two beans. */
    record App(ContextDb db, AnnotationConfigApplicationContext context) implements AutoCloseable {

        static App start(ContextDb db, Consumer<ContextEvents.Builder> settings) {
            AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
            context.registerBean(ContextDb.class, () -> db, definition -> definition.setDestroyMethodName(""));
            context.registerBean("contextEvents", ContextEvents.class, () -> {
                ContextEvents.Builder builder = ContextEvents.builder(db).backoff(Duration.ofMillis(50), 2,
                        Duration.ofMillis(200)).pollInterval(Duration.ofMillis(500));
                settings.accept(builder);
                return builder.build();
            });
            context.registerBean("applicationEventMulticaster", ApplicationEventMulticaster.class,
                    () -> ContextEvents.multicaster(() -> context.getBean(ContextEvents.class)));
            context.registerBean("contextDbEventListenerFactory", EventListenerFactory.class,
                    ContextEvents::listenerFactory);
            context.registerBean(Sales.class);
            context.registerBean(Reservations.class);
            context.refresh();
            context.getBean(ContextEvents.class).start(context.getBean(ApplicationEventMulticaster.class));
            return new App(db, context);
        }

        Sales sales() {
            return context.getBean(Sales.class);
        }

        Reservations reservations() {
            return context.getBean(Reservations.class);
        }

        ContextEvents events() {
            return context.getBean(ContextEvents.class);
        }

        @Override
        public void close() {
            context.close();
            db.close();
        }
    }
}
