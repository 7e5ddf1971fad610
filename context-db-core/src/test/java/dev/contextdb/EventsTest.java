package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.fixtures.events.sales.SaleMade;
import dev.contextdb.fixtures.events.sales.Sales;
import dev.contextdb.fixtures.events.warehouse.Reservations;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase;
import dev.contextdb.test.TestDatabase.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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

    /**
     * A committing transaction reserves worker slots for the deliveries it hands over when it
     * writes its events; a rollback after that (a failure later in the commit) must give them back, or after as many rollbacks as the dispatcher holds ahead
     * ({@code threads × 4}) nothing would be delivered any more.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void rolledBackTransactionsLeaveTheDeliverySlotsFree(Kind kind) {
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                App app = App.start(scenario.builder(MODEL).build(), events -> events.threads(1))) {
            for (int sale = 1; sale <= 10; sale++) {
                int id = sale;
                assertThatThrownBy(() -> app.sales().sellAndFailAtCommit(id, "pear")).hasMessage("failed at commit");
            }
            app.sales().sell(11, "plum");
            app.sales().sell(12, "kiwi");

            await(() -> app.events().count("sales", "DONE") == 2);
            assertThat(reservations(scenario)).containsExactly("11 plum", "12 kiwi");
        }
    }

    static Stream<Kind> kinds() {
        return Stream.of(Kind.values());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("scenarios")
    void failingListenerIsRetriedUntilItSucceeds(Kind kind, IsolationStrategy strategy) {
        try (Scenario scenario = new Scenario(kind, strategy, Pooling.PER_CONTEXT);
                App app = App.start(scenario.builder(MODEL).build(), events -> { })) {
            app.reservations().failures.put(3L, new AtomicInteger(2));
            app.sales().sell(3, "fig");

            await(() -> app.events().count("sales", "DONE") == 1);
            assertThat(app.reservations().calls.get(3L)).hasValue(3);
            // The failed attempts' inserts rolled back with their inbox rows: one reservation.
            assertThat(reservations(scenario)).containsExactly("3 fig");
            assertThat(scenario.query("sales", "select attempts from " + scenario.qualified("sales",
                    app.events().tables("sales").get(1)))).containsExactly("3");
        }
    }

    @Test
    void publishingOutsideAContextTransactionFailsNamingTheEventAndTheFix() {
        try (Scenario scenario = new Scenario(Kind.H2, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                App app = App.start(scenario.builder(MODEL).build(), events -> { })) {
            assertThatThrownBy(() -> app.sales().announce(4, "lime")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("Event dev.contextdb.fixtures.events.sales.SaleMade was published outside a transaction"
                            + " of a bounded context, and @ApplicationModuleListener methods listen to it:"
                            + " [dev.contextdb.fixtures.events.warehouse.Reservations.on(dev.contextdb.fixtures.events.sales.SaleMade)]."
                            + " context-db stores such an event in the publishing context's outbox, in that context's"
                            + " transaction. Publish it inside a transaction of the publishing context: from a"
                            + " @Transactional method of one of its beans, or in a TransactionTemplate over its"
                            + " transaction manager (<context>TransactionManager).");
        }
    }

    @Test
    void exhaustedDeliveryIsDeadUntilResubmitted() {
        try (Scenario scenario = new Scenario(Kind.H2, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                App app = App.start(scenario.builder(MODEL).build(), events -> events.maxAttempts(2))) {
            app.reservations().failures.put(5L, new AtomicInteger(2));
            app.sales().sell(5, "kiwi");

            await(() -> app.events().count("sales", "DEAD") == 1);
            List<ContextEvents.DeadDelivery> dead = app.events().dead();
            assertThat(dead).singleElement().satisfies(delivery -> {
                assertThat(delivery.context()).isEqualTo("sales");
                assertThat(delivery.listenerContext()).isEqualTo("warehouse");
                assertThat(delivery.eventType()).isEqualTo("dev.contextdb.fixtures.events.sales.SaleMade");
                assertThat(delivery.attempts()).isEqualTo(2);
                assertThat(delivery.lastError()).isEqualTo("java.lang.IllegalStateException: no stock for kiwi");
            });
            assertThat(reservations(scenario)).isEmpty();
            assertThat(app.reservations().calls.get(5L)).hasValue(2);

            assertThat(app.events().resubmit(dead)).isEqualTo(1);
            await(() -> app.events().count("sales", "DONE") == 1);
            assertThat(app.events().dead()).isEmpty();
            assertThat(reservations(scenario)).containsExactly("5 kiwi");
            assertThat(app.reservations().calls.get(5L)).hasValue(3);
        }
    }

    /**
     * Pools that hand out connections with auto-commit off (a common setting with JPA): every
     * piece of delivery bookkeeping — lease, failure, done mark, resubmission — must
     * commit itself, or the pool rolls it back when the connection returns.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void bookkeepingCommitsOnPoolsWithAutoCommitOff(Kind kind) {
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                App app = App.start(scenario.builder(MODEL).pool("autoCommit", "false").build(),
                        events -> events.maxAttempts(2))) {
            app.reservations().failures.put(21L, new AtomicInteger(1));
            app.reservations().failures.put(22L, new AtomicInteger(2));
            app.sales().sell(21, "lime");
            app.sales().sell(22, "sloe");

            await(() -> app.events().count("sales", "DONE") == 1 && app.events().dead().size() == 1);
            assertThat(app.events().dead()).extracting(ContextEvents.DeadDelivery::eventId).hasSize(1);
            assertThat(app.events().resubmitAll("sales")).isEqualTo(1);
            await(() -> app.events().count("sales", "DONE") == 2);
            assertThat(reservations(scenario)).containsExactly("21 lime", "22 sloe");
        }
    }

    @Test
    void redeliveryAfterALostDoneMarkIsSkippedByTheInbox() {
        try (Scenario scenario = new Scenario(Kind.H2, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                App app = App.start(scenario.builder(MODEL).build(), events -> { })) {
            app.sales().sell(6, "date");
            await(() -> app.events().count("sales", "DONE") == 1);

            String delivery = scenario.qualified("sales", app.events().tables("sales").get(1));
            // As if the instance died between the listener's commit and the done mark.
            scenario.database().execute("update " + delivery + " set status = 'PENDING', done_at = null");

            await(() -> scenario.query("sales", "select attempts from " + delivery + " where status = 'DONE'")
                    .equals(List.of("2")));
            assertThat(app.reservations().calls.get(6L)).hasValue(1);
            assertThat(reservations(scenario)).containsExactly("6 date");
        }
    }

    @Test
    void aLeaseHeldByAnotherInstanceIsReclaimedOnlyOnceItExpires() {
        try (Scenario scenario = new Scenario(Kind.H2, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                App app = App.create(scenario.builder(MODEL).build(), events -> events.pollInterval(
                        Duration.ofMillis(100)))) {
            app.sales().sell(7, "yuzu");
            long leaseUntil = System.currentTimeMillis() + 1500;
            String delivery = scenario.qualified("sales", app.events().tables("sales").get(1));
            // An instance that claimed the delivery and died.
            scenario.database().execute("update " + delivery + " set lease_owner = 'crashed', lease_until = " + leaseUntil);
            app.startDelivering();

            await(() -> app.events().count("sales", "DONE") == 1);
            assertThat(app.reservations().appliedAt.get(7L)).isGreaterThanOrEqualTo(leaseUntil);
            assertThat(app.reservations().calls.get(7L)).hasValue(1);
        }
    }

    @Test
    void eventsWithTheSameKeyReachTheListenerInPublicationOrder() {
        try (Scenario scenario = new Scenario(Kind.H2, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                App app = App.start(scenario.builder(MODEL).build(),
                        events -> events.orderedBy(SaleMade.class, SaleMade::sku).threads(4))) {
            app.reservations().failures.put(10L, new AtomicInteger(1));
            app.sales().sell(10, "melon");
            app.sales().sell(11, "melon");

            await(() -> app.events().count("sales", "DONE") == 2);
            assertThat(app.reservations().appliedAt.get(11L)).isGreaterThanOrEqualTo(
                    app.reservations().appliedAt.get(10L));
            assertThat(app.reservations().calls.get(10L)).hasValue(2);
        }
    }

    @Test
    void twoInstancesSharingTheOutboxesApplyEachEventOnce() {
        try (Scenario scenario = new Scenario(Kind.POSTGRESQL, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT)) {
            ContextDb first = scenario.builder(MODEL).pool("maximumPoolSize", "6").build();
            ContextDb second = scenario.restart(MODEL).pool("maximumPoolSize", "6").build();
            try (App one = App.start(first, events -> events.pollInterval(Duration.ofMillis(100)));
                    App two = App.start(second, events -> events.pollInterval(Duration.ofMillis(100)))) {
                int events = 200;
                for (int i = 0; i < events; i++) {
                    (i % 2 == 0 ? one : two).sales().sell(1000 + i, "sku" + i);
                }

                await(() -> one.events().count("sales", "DONE") == events);
                assertThat(scenario.query("warehouse", "select count(*) from "
                        + scenario.qualified("warehouse", "reservation"))).containsExactly(String.valueOf(events));
                for (int i = 0; i < events; i++) {
                    long id = 1000 + i;
                    int calls = count(one.reservations(), id) + count(two.reservations(), id);
                    assertThat(calls).as("listener calls for sale %d", id).isEqualTo(1);
                }
                // Both instances delivered: the claims interleave rather than one instance taking all.
                assertThat(one.reservations().calls).isNotEmpty();
                assertThat(two.reservations().calls).isNotEmpty();
            }
        }
    }

    @Test
    void contextsOnTwoDifferentServers() {
        try (TestDatabase postgres = TestDatabase.postgres(); TestDatabase mariadb = TestDatabase.mariadb()) {
            String salesDb = postgres.createDatabase("sales");
            String warehouseDb = mariadb.createDatabase("warehouse");
            ContextDb db = ContextDb.builder(MODEL).strategy(IsolationStrategy.DATABASE).pool("maximumPoolSize", "3")
                    .context("sales", c -> c.datasource(postgres.urlOf(salesDb), postgres.username(), postgres.password()))
                    .context("warehouse", c -> c.datasource(mariadb.urlOf(warehouseDb), mariadb.username(),
                            mariadb.password()))
                    .build();
            try (App app = App.start(db, events -> { })) {
                app.reservations().failures.put(8L, new AtomicInteger(1));
                app.sales().sell(8, "lemon");

                await(() -> app.events().count("sales", "DONE") == 1);
                assertThat(mariadb.queryStringsIn(warehouseDb, "select sku from reservation")).containsExactly("lemon");
                assertThat(mariadb.queryStringsIn(warehouseDb, "select count(*) from cdb_inbox")).containsExactly("1");
                assertThat(postgres.queryStringsIn(salesDb, "select status from cdb_delivery")).containsExactly("DONE");
                assertThat(postgres.queryStringsIn(salesDb, "select sku from sale")).containsExactly("lemon");
            }
        }
    }

    @Test
    void completedEventsAreDeletedAfterTheRetentionPeriod() {
        try (Scenario scenario = new Scenario(Kind.H2, IsolationStrategy.SHARED, Pooling.PER_CONTEXT);
                App app = App.start(scenario.builder(MODEL).build(), events -> events.retention(Duration.ZERO)
                        .cleanupBatch(2).pollInterval(Duration.ofMillis(100)))) {
            for (int i = 0; i < 5; i++) {
                app.sales().sell(20 + i, "nut");
            }
            List<String> sales = app.events().tables("sales");
            List<String> warehouse = app.events().tables("warehouse");
            assertThat(sales).containsExactly("cdb_outbox_sales", "cdb_delivery_sales", "cdb_inbox_sales");

            await(() -> reservations(scenario).size() == 5
                    && scenario.query("sales", "select count(*) from " + sales.get(0)).equals(List.of("0"))
                    && scenario.query("sales", "select count(*) from " + sales.get(1)).equals(List.of("0"))
                    && scenario.query("warehouse", "select count(*) from " + warehouse.get(2)).equals(List.of("0")));
        }
    }

    private static int count(Reservations reservations, long id) {
        AtomicInteger calls = reservations.calls.get(id);
        return calls == null ? 0 : calls.get();
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

        static App start(ContextDb db, Consumer<ContextEvents.Builder> settings, Class<?>... beans) {
            App app = create(db, settings, beans);
            app.startDelivering();
            return app;
        }

        /** The application refreshed, not yet delivering. */
        static App create(ContextDb db, Consumer<ContextEvents.Builder> settings, Class<?>... beans) {
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
            for (Class<?> bean : beans) {
                context.registerBean(bean);
            }
            context.refresh();
            return new App(db, context);
        }

        void startDelivering() {
            events().start(context.getBean(ApplicationEventMulticaster.class));
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
