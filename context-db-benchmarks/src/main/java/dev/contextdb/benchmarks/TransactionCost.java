package dev.contextdb.benchmarks;

import dev.contextdb.benchmarks.boot.tx.contextdb.postings.PostingService;
import dev.contextdb.benchmarks.boot.tx.plain.PlainPostingService;
import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What one call of {@link TransactionalServiceBenchmark}'s service costs the caller, in the
 * context-db application and in the plain Boot application, apart from waiting for PostgreSQL:
 * round trips on the driver's socket ({@link RoundTripCounter}; exact), bytes allocated by the
 * calling thread, and the calling thread's CPU time (which leaves out the time spent waiting for
 * the server). The two applications start as in the benchmark and are called in alternating blocks,
 * so a change in the machine's load falls on both; the medians of the blocks are reported.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.contextdb.benchmarks.TransactionCost [blocks] [calls per block]
 * }</pre>
 */
public final class TransactionCost {

    private TransactionCost() {
    }

    /**
     * @param args the number of blocks per application (default 20) and of calls per block (default 1000)
     * @throws SQLException if the schemas cannot be dropped
     */
    public static void main(String[] args) throws SQLException {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        print(measure(blocks, calls), blocks, calls);
    }

    /**
     * @param sides the applications measured
     * @param blocks the number of blocks per application
     * @param calls the number of calls per block
     */
    static void print(List<Side> sides, int blocks, int calls) {
        System.out.printf("%d blocks of %d calls per application, medians per call:%n", blocks, calls);
        System.out.printf("%-20s %12s %12s %14s %12s%n", "", "round trips", "bytes", "caller CPU µs", "wall µs");
        for (Side side : sides) {
            System.out.printf("%-20s %12.3f %12.0f %14.2f %12.1f%n", side.label, side.roundTrips(), side.bytes(),
                    side.cpuMicros(), side.wallMicros());
        }
    }

    /**
     * Starts both applications, warms them, then calls them in alternating blocks.
     * @param blocks the number of blocks per application
     * @param calls the number of calls per block
     * @return the plain application's measurements, then context-db's
     * @throws SQLException if the schemas cannot be dropped
     */
    static List<Side> measure(int blocks, int calls) throws SQLException {
        String prefix = Postgres.uniquePrefix();
        AtomicLong ids = new AtomicLong();
        try (ConfigurableApplicationContext contextDb = TransactionalServiceBenchmark.startContextDb(
                        counted("contextdb"), prefix + "postings");
                ConfigurableApplicationContext plain = TransactionalServiceBenchmark.startPlain(
                        counted("plain"), prefix + "plain")) {
            PostingService contextDbService = contextDb.getBean(PostingService.class);
            PlainPostingService plainService = plain.getBean(PlainPostingService.class);
            Side plainSide = new Side("plain Spring Boot", "plain", id -> plainService.post(ids.incrementAndGet(), id));
            Side contextDbSide = new Side("context-db starter", "contextdb",
                    id -> contextDbService.post(ids.incrementAndGet(), id));
            alternate(plainSide, contextDbSide, blocks, calls);
            return List.of(plainSide, contextDbSide);
        } finally {
            Postgres.execute("drop schema if exists " + prefix + "postings cascade");
            Postgres.execute("drop schema if exists " + prefix + "plain cascade");
        }
    }

    /**
     * Warms both sides for at least 2 s, then calls them in alternating blocks, each starting every
     * other block.
     * @param plainSide the baseline
     * @param contextDbSide context-db's application
     * @param blocks the number of blocks per application
     * @param calls the number of calls per block
     */
    static void alternate(Side plainSide, Side contextDbSide, int blocks, int calls) {
        // Warm-up: code compiled, statements prepared, and the pools filled (the connections the
        // pool opens in the background would count as the application's round trips).
        long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (int i = 0; i < 5 || System.nanoTime() < warmUntil; i++) {
            plainSide.block(calls);
            contextDbSide.block(calls);
        }
        plainSide.reset();
        contextDbSide.reset();
        for (int i = 0; i < blocks; i++) {
            Side first = i % 2 == 0 ? plainSide : contextDbSide;
            Side second = first == plainSide ? contextDbSide : plainSide;
            first.block(calls);
            second.block(calls);
        }
    }

    /**
     * @param counter the name of the round-trip counter
     * @return the PostgreSQL database, its sockets counted by {@link RoundTripCounter}
     */
    static TransactionalServiceBenchmark.Database counted(String counter) {
        return TransactionalServiceBenchmark.Database.postgres(Postgres.withProperties(Postgres.URL,
                "socketFactory=" + RoundTripCounter.class.getName(), "socketFactoryArg=" + counter));
    }

    /** One application's call and its measurements, one entry per block. */
    static final class Side {

        private static final com.sun.management.ThreadMXBean THREADS =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        private final String label;
        private final AtomicLong roundTrips;
        private final LongUnaryOperator call;
        private double[] trips = new double[0];
        private double[] bytes = new double[0];
        private double[] cpu = new double[0];
        private double[] wall = new double[0];

        Side(String label, String counter, LongUnaryOperator call) {
            this.label = label;
            this.roundTrips = RoundTripCounter.counter(counter);
            this.call = call;
        }

        void block(int calls) {
            long trips0 = roundTrips.get();
            long bytes0 = THREADS.getCurrentThreadAllocatedBytes();
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                call.applyAsLong(i);
            }
            long wall1 = System.nanoTime();
            long cpu1 = THREADS.getCurrentThreadCpuTime();
            long bytes1 = THREADS.getCurrentThreadAllocatedBytes();
            long trips1 = roundTrips.get();
            trips = append(trips, (trips1 - trips0) / (double) calls);
            bytes = append(bytes, (bytes1 - bytes0) / (double) calls);
            cpu = append(cpu, (cpu1 - cpu0) / 1000.0 / calls);
            wall = append(wall, (wall1 - wall0) / 1000.0 / calls);
        }

        String label() {
            return label;
        }

        void reset() {
            trips = new double[0];
            bytes = new double[0];
            cpu = new double[0];
            wall = new double[0];
        }

        /** @return round trips per call, median of the blocks */
        double roundTrips() {
            return median(trips);
        }

        /** @return bytes allocated by the caller per call, median of the blocks */
        double bytes() {
            return median(bytes);
        }

        /** @return the caller's CPU time per call in microseconds, median of the blocks */
        double cpuMicros() {
            return median(cpu);
        }

        /** @return wall-clock time per call in microseconds, median of the blocks */
        double wallMicros() {
            return median(wall);
        }

        private static double[] append(double[] values, double value) {
            double[] result = Arrays.copyOf(values, values.length + 1);
            result[values.length] = value;
            return result;
        }

        private static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int middle = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }
}
