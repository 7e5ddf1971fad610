package dev.contextdb.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.ContextEvents;
import dev.contextdb.benchmarks.boot.events.orders.OrderService;
import dev.contextdb.test.TestDatabase;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What publishing costs in round trips to PostgreSQL, counted on the driver's socket
 * ({@link RoundTripCounter}) in {@link EventPublishingBenchmark}'s application: a transaction
 * that publishes pays one round trip more than the same transaction without events, for one
 * event as for five (one statement at the commit writes them all).
 */
class EventPublishingRoundTripsTest {

    private static final int CALLS = 20;

    @Test
    void aTransactionPaysOneRoundTripForItsEventsWhetherOneOrFive() throws SQLException {
        TestDatabase.postgres().close(); // fails under CI=true, skips otherwise, when PostgreSQL is down
        String prefix = Postgres.uniquePrefix();
        String counter = "publishing-" + prefix;
        ConfigurableApplicationContext app = EventPublishingBenchmark.start("postgresql", prefix, counter, 1);
        try {
            app.getBean(ContextEvents.class).close(); // no delivery: its claims would be counted too
            OrderService orders = app.getBean(OrderService.class);
            AtomicLong roundTrips = RoundTripCounter.counter(counter);
            long id = 0;
            for (int events : new int[] {0, 1, 5}) {
                orders.place(++id, events); // statements prepared, and so on, before counting
            }

            long[] perEvents = new long[6];
            for (int events : new int[] {0, 1, 5}) {
                long before = roundTrips.get();
                for (int i = 0; i < CALLS; i++) {
                    orders.place(++id, events);
                }
                perEvents[events] = roundTrips.get() - before;
            }

            assertThat(perEvents[0]).as("without events: the insert and the commit").isEqualTo(2L * CALLS);
            assertThat(perEvents[1] - perEvents[0]).as("one event: one round trip more").isEqualTo(CALLS);
            assertThat(perEvents[5] - perEvents[0]).as("five events: still one round trip more").isEqualTo(CALLS);
        } finally {
            app.close();
            EventPublishingBenchmark.dropSchemas(prefix);
        }
    }
}
