package dev.contextdb.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.ContextEvents;
import dev.contextdb.benchmarks.boot.events.orders.OrderService;
import dev.contextdb.test.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What events cost in round trips to PostgreSQL, counted on the driver's socket
 * ({@link RoundTripCounter}) in {@link EventPublishingBenchmark}'s application (one connection
 * per context, so that no idle connection is validated in between).
 */
class EventRoundTripsTest {

    /** The test's body, given the application and its round-trip counter. */
    private interface Body {
        void run(ConfigurableApplicationContext app, AtomicLong roundTrips, String prefix) throws SQLException;
    }

    private static void withApplication(String name, Body body) throws SQLException {
        TestDatabase.postgres().close(); // fails under CI=true, skips otherwise, when PostgreSQL is down
        String prefix = Postgres.uniquePrefix();
        String counter = name + "-" + prefix;
        ConfigurableApplicationContext app = EventPublishingBenchmark.start("postgresql", prefix, counter, 1);
        try {
            body.run(app, RoundTripCounter.counter(counter), prefix);
        } finally {
            app.close();
            EventPublishingBenchmark.dropSchemas(prefix);
        }
    }

    /**
     * A transaction that publishes pays one round trip more than the same transaction without
     * events, for one event as for five: one statement at the commit writes them all.
     */
    @Test
    void aTransactionPaysOneRoundTripForItsEventsWhetherOneOrFive() throws SQLException {
        withApplication("publishing", (app, roundTrips, prefix) -> {
            app.getBean(ContextEvents.class).close(); // no delivery: its work would be counted too
            OrderService orders = app.getBean(OrderService.class);
            long id = 0;
            for (int events : new int[] {0, 1, 5}) {
                orders.place(++id, events); // statements prepared, and so on, before counting
            }

            long[] perEvents = new long[6];
            int calls = 20;
            for (int events : new int[] {0, 1, 5}) {
                long before = roundTrips.get();
                for (int i = 0; i < calls; i++) {
                    orders.place(++id, events);
                }
                perEvents[events] = roundTrips.get() - before;
            }

            assertThat(perEvents[0]).as("without events: the insert and the commit").isEqualTo(2L * calls);
            assertThat(perEvents[1] - perEvents[0]).as("one event: one round trip more").isEqualTo(calls);
            assertThat(perEvents[5] - perEvents[0]).as("five events: still one round trip more").isEqualTo(calls);
        });
    }

    /**
     * From the publisher's call to the delivery marked done: the publishing transaction's three
     * round trips (its insert, the events, the commit), the listener's transaction's three (the
     * inbox row, its insert, the commit) and the done mark's one — and no claim: a delivery of an
     * event without a key is inserted already leased to the publishing instance and handed to a
     * worker at the commit.
     */
    @Test
    void anEventCostsItsPublisherItsListenerAndOneDoneMarkWithoutAClaim() throws SQLException {
        withApplication("delivery", (app, roundTrips, prefix) -> {
            OrderService orders = app.getBean(OrderService.class);
            String done = "select count(*) from " + prefix + "evorders.cdb_delivery where status = 'DONE'";
            int events = 20;
            try (Connection monitor = DriverManager.getConnection(Postgres.URL, Postgres.USER, Postgres.PASSWORD)) {
                long id = 0;
                for (int i = 0; i < 10; i++) { // statements prepared, and so on, before counting
                    orders.place(++id, 1);
                    awaitCount(monitor, done, id);
                }

                long before = roundTrips.get();
                for (int i = 0; i < events; i++) {
                    orders.place(++id, 1);
                    awaitCount(monitor, done, id);
                }

                assertThat(roundTrips.get() - before).as("round trips of %d events, each published and delivered"
                        + " before the next", events).isEqualTo(7L * events);
            }
        });
    }

    private static void awaitCount(Connection monitor, String sql, long expected) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try (Statement statement = monitor.createStatement()) {
            while (true) {
                try (ResultSet rows = statement.executeQuery(sql)) {
                    rows.next();
                    if (rows.getLong(1) >= expected) {
                        return;
                    }
                }
                assertThat(System.nanoTime()).as("%s reaching %d", sql, expected).isLessThan(deadline);
                LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
            }
        }
    }
}
