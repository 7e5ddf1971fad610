package dev.contextdb.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

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
 * What delivering an event costs in round trips to PostgreSQL, counted on the driver's socket
 * ({@link RoundTripCounter}) in {@link EventPublishingBenchmark}'s application, from the
 * publisher's call to the delivery marked done: the publishing transaction's three (its insert,
 * the events, the commit), the listener's transaction's three (the inbox row, its insert, the
 * commit) and the done mark's one — and no claim: a delivery of an event without a key is
 * inserted already leased to the publishing instance and handed to a worker at the commit.
 */
class EventDeliveryRoundTripsTest {

    private static final int EVENTS = 20;

    @Test
    void anEventCostsItsPublisherItsListenerAndOneDoneMarkWithoutAClaim() throws SQLException {
        TestDatabase.postgres().close(); // fails under CI=true, skips otherwise, when PostgreSQL is down
        String prefix = Postgres.uniquePrefix();
        String counter = "delivery-" + prefix;
        ConfigurableApplicationContext app = EventPublishingBenchmark.start("postgresql", prefix, counter, 1);
        try (Connection monitor = DriverManager.getConnection(Postgres.URL, Postgres.USER, Postgres.PASSWORD)) {
            OrderService orders = app.getBean(OrderService.class);
            AtomicLong roundTrips = RoundTripCounter.counter(counter);
            String done = "select count(*) from " + prefix + "evorders.cdb_delivery where status = 'DONE'";
            long id = 0;
            for (int i = 0; i < 10; i++) { // statements prepared, and so on, before counting
                orders.place(++id, 1);
                awaitCount(monitor, done, id);
            }

            long before = roundTrips.get();
            for (int i = 0; i < EVENTS; i++) {
                orders.place(++id, 1);
                awaitCount(monitor, done, id);
            }
            long perEvent = roundTrips.get() - before;

            assertThat(perEvent).as("round trips of %d events, each published and delivered before the next",
                    EVENTS).isEqualTo(7L * EVENTS);
        } finally {
            app.close();
            EventPublishingBenchmark.dropSchemas(prefix);
        }
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
