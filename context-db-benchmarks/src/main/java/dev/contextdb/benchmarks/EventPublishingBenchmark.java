package dev.contextdb.benchmarks;

import dev.contextdb.ContextEvents;
import dev.contextdb.benchmarks.boot.events.ContextDbEventsApplication;
import dev.contextdb.benchmarks.boot.events.orders.OrderService;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What publishing costs the publisher: a {@code @Transactional} service method of context
 * {@code evorders} that inserts a row and publishes one or five events, against the same method
 * publishing none (the baseline), through a whole Spring Boot application with the starter, on
 * PostgreSQL ({@code SCHEMA}, a pool of {@value #CONNECTIONS}). Each variant runs alone, and the
 * three run side by side, one thread each, so that whatever the shared machine does falls on all
 * three alike.
 *
 * <p>Delivery is stopped once the application has started, so that only the publication is timed:
 * the listener's transactions would otherwise share the two cores with the publisher. Every
 * connection counts its round trips ({@link RoundTripCounter}); a trial of one variant prints them
 * per call.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class EventPublishingBenchmark {

    static final int CONNECTIONS = 4;

    /**
     * {@code postgresql}, or {@code postgresql-async}: the sessions' {@code synchronous_commit=off},
     * the commit's disk flush left out, the statements alone timed.
     */
    @Param({"postgresql", "postgresql-async"})
    public String database;

    private final AtomicLong ids = new AtomicLong();
    /** Calls per number of events published, for the round trips per call. */
    private final AtomicLong[] calls = {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong(),
            new AtomicLong(), new AtomicLong()};
    private String prefix;
    private String counter;
    private long roundTripsAtStart;
    private ConfigurableApplicationContext app;
    private OrderService orders;

    @Setup(Level.Trial)
    public void start() {
        prefix = Postgres.uniquePrefix();
        counter = "events-" + prefix;
        app = start(database, prefix, counter, CONNECTIONS);
        orders = app.getBean(OrderService.class);
        // Stops delivering: what is timed is the publication.
        app.getBean(ContextEvents.class).close();
        roundTripsAtStart = RoundTripCounter.counter(counter).get();
    }

    /**
     * @param database {@code postgresql} or {@code postgresql-async}
     * @param prefix the schemas' prefix
     * @param counter the {@link RoundTripCounter} the application's connections count with
     * @param connections the size of each context's pool
     * @return the application: {@code evorders} and {@code evaudit} in schemas of their own
     */
    static ConfigurableApplicationContext start(String database, String prefix, String counter, int connections) {
        String url = switch (database) {
            case "postgresql" -> Postgres.URL;
            case "postgresql-async" -> Postgres.withOptions(Postgres.URL, "-c synchronous_commit=off");
            default -> throw new IllegalArgumentException("database must be postgresql or postgresql-async, was "
                    + database);
        };
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("context-db.base-packages", "dev.contextdb.benchmarks.boot.events");
        properties.put("context-db.strategy", "schema");
        properties.put("context-db.datasource.url", Postgres.withProperties(url,
                "socketFactory=" + RoundTripCounter.class.getName(), "socketFactoryArg=" + counter));
        properties.put("context-db.datasource.username", Postgres.USER);
        properties.put("context-db.datasource.password", Postgres.PASSWORD);
        properties.put("context-db.pool.maximum-pool-size", connections);
        properties.put("context-db.pool.minimum-idle", connections);
        properties.put("context-db.contexts.evorders.schema", prefix + "evorders");
        properties.put("context-db.contexts.evaudit.schema", prefix + "evaudit");
        return BootApplications.runWithoutJpa(ContextDbEventsApplication.class, properties);
    }

    /**
     * @param prefix the schemas' prefix given to {@link #start(String, String, String, int)}
     * @throws SQLException when a schema cannot be dropped
     */
    static void dropSchemas(String prefix) throws SQLException {
        Postgres.execute("drop schema if exists " + prefix + "evorders cascade");
        Postgres.execute("drop schema if exists " + prefix + "evaudit cascade");
    }

    @TearDown(Level.Trial)
    public void stop() throws SQLException {
        long roundTrips = RoundTripCounter.counter(counter).get() - roundTripsAtStart;
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            dropSchemas(prefix);
        }
        for (int events = 0; events < calls.length; events++) {
            long made = calls[events].get();
            if (made > 0 && made == ids.get()) {
                System.out.printf("%nevents=%d %s: %.3f round trips per call (%d calls)%n", events, database,
                        (double) roundTrips / made, made);
            }
        }
    }

    private long place(int events) {
        calls[events].incrementAndGet();
        return orders.place(ids.incrementAndGet(), events);
    }

    /** Baseline: the insert alone. */
    @Benchmark
    public long noEvent() {
        return place(0);
    }

    /** The insert and one event. */
    @Benchmark
    public long oneEvent() {
        return place(1);
    }

    /** The insert and five events. */
    @Benchmark
    public long fiveEvents() {
        return place(5);
    }

    /** The three side by side, one thread each: the baseline's thread. */
    @Benchmark
    @Group("sideBySide")
    @GroupThreads(1)
    public long sideBySideNoEvent() {
        return place(0);
    }

    /** {@link #sideBySideNoEvent()}'s group: one event. */
    @Benchmark
    @Group("sideBySide")
    @GroupThreads(1)
    public long sideBySideOneEvent() {
        return place(1);
    }

    /** {@link #sideBySideNoEvent()}'s group: five events. */
    @Benchmark
    @Group("sideBySide")
    @GroupThreads(1)
    public long sideBySideFiveEvents() {
        return place(5);
    }
}
