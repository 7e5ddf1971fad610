package dev.contextdb.benchmarks;

import dev.contextdb.ContextEvents;
import dev.contextdb.benchmarks.boot.events.orders.OrderService;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What publishing costs one call of {@link EventPublishingBenchmark}'s service, apart from the
 * machine's swings: the method without events, with one and with five, called in rotating blocks
 * in one application (delivery stopped), so that a change in the machine's load falls on all
 * three; medians of the blocks. Round trips on the driver's socket ({@link RoundTripCounter};
 * exact), bytes allocated and CPU time of the calling thread, wall time.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.contextdb.benchmarks.EventPublishingCost [blocks] [calls per block] [database]
 * }</pre>
 */
public final class EventPublishingCost {

    private EventPublishingCost() {
    }

    /**
     * @param args blocks per variant (default 20), calls per block (default 500), and
     *     {@code postgresql} (default) or {@code postgresql-async}
     * @throws SQLException if the schemas cannot be dropped
     */
    public static void main(String[] args) throws SQLException {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        String database = args.length > 2 ? args[2] : "postgresql";
        String prefix = Postgres.uniquePrefix();
        String counter = "publishing-cost-" + prefix;
        ConfigurableApplicationContext app = EventPublishingBenchmark.start(database, prefix, counter,
                EventPublishingBenchmark.CONNECTIONS);
        try {
            app.getBean(ContextEvents.class).close();
            OrderService orders = app.getBean(OrderService.class);
            AtomicLong ids = new AtomicLong();
            List<TransactionCost.Side> sides = List.of(
                    new TransactionCost.Side("no event", counter, i -> orders.place(ids.incrementAndGet(), 0)),
                    new TransactionCost.Side("one event", counter, i -> orders.place(ids.incrementAndGet(), 1)),
                    new TransactionCost.Side("five events", counter, i -> orders.place(ids.incrementAndGet(), 5)));
            long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            for (int i = 0; i < 5 || System.nanoTime() < warmUntil; i++) {
                sides.forEach(side -> side.block(calls));
            }
            sides.forEach(TransactionCost.Side::reset);
            for (int i = 0; i < blocks; i++) {
                for (int j = 0; j < sides.size(); j++) {
                    sides.get((i + j) % sides.size()).block(calls);
                }
            }
            System.out.printf("%s, %d blocks of %d calls per variant, medians per call:%n", database, blocks, calls);
            System.out.printf("%-12s %12s %12s %14s %12s %8s%n", "", "round trips", "bytes", "caller CPU µs", "wall µs",
                    "ratio");
            double baseline = sides.get(0).wallMicros();
            for (TransactionCost.Side side : sides) {
                System.out.printf("%-12s %12.3f %12.0f %14.2f %12.1f %8.3f%n", side.label(), side.roundTrips(),
                        side.bytes(), side.cpuMicros(), side.wallMicros(), baseline / side.wallMicros());
            }
        } finally {
            app.close();
            EventPublishingBenchmark.dropSchemas(prefix);
        }
    }
}
