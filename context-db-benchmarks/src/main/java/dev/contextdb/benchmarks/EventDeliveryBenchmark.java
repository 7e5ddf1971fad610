package dev.contextdb.benchmarks;

import dev.contextdb.benchmarks.boot.delivery.EventClock;
import dev.contextdb.benchmarks.boot.delivery.contextdb.ContextDbDeliveryApplication;
import dev.contextdb.benchmarks.boot.delivery.contextdb.orders.OrderService;
import dev.contextdb.benchmarks.boot.delivery.modulith.ModulithDeliveryApplication;
import dev.contextdb.benchmarks.boot.delivery.modulith.orders.PlainOrderService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Events between two contexts on PostgreSQL, end to end, against Spring Modulith's JDBC event
 * publication registry in the same application shape: a {@code @Transactional} service of
 * {@code orders} inserts a row and publishes {@code OrderPlaced}; an
 * {@code @ApplicationModuleListener} of {@code shipping} inserts a row. Both applications run in
 * this JVM, in the same run, on the same PostgreSQL:
 * <ul>
 * <li><b>context-db</b>: the starter, contexts {@code orders} and {@code shipping} on {@code SCHEMA}
 * (a schema and a pool of {@value #CONNECTIONS_PER_CONTEXT} connections each), context-db's events
 * with their defaults: outbox and delivery rows in orders' schema, woken on commit, claimed with
 * {@code SKIP LOCKED}, delivered in shipping's transaction with its inbox row;
 * <li><b>Spring Modulith</b>: {@code spring-modulith-starter-jdbc} with its defaults, one DataSource
 * of {@value #MODULITH_CONNECTIONS} connections on a schema of its own, its {@code event_publication}
 * table created by {@code spring.modulith.events.jdbc.schema-initialization.enabled=true};
 * context-db switched off.
 * </ul>
 *
 * <p>Latency is publish-commit to listener-commit: both read {@link System#nanoTime()} in the first
 * after-commit callback of the publisher's transaction and of the listener's ({@link EventClock}).
 * Two measures, each over rounds that alternate the applications (a warm-up round of each first):
 * <ul>
 * <li><b>latency</b>: {@code count} events published one after another at a fixed {@code rate} per
 * second, p50/p99/max over every round's events;
 * <li><b>throughput</b>: {@code count} events published by {@code publishers} threads as fast as
 * they go, events/s = events / (last listener commit - start).
 * </ul>
 * After each round the benchmark waits until each library has recorded every delivery as
 * completed (context-db's delivery rows done, Modulith's publications completed), so that no
 * bookkeeping of one round runs into the next. Not JMH: JMH times the calling thread, and here
 * what is timed happens on the libraries' threads after the call returned.
 *
 * <pre>{@code
 * java -cp context-db-benchmarks/target/benchmarks.jar dev.contextdb.benchmarks.EventDeliveryBenchmark
 * }</pre>
 *
 * System properties: {@code events.rate} (50), {@code events.latency.count} (1000),
 * {@code events.throughput.count} (5000), {@code events.publishers} (4), {@code events.rounds} (3),
 * {@code events.contextdb.threads} (unset: context-db's default).
 */
public final class EventDeliveryBenchmark {

    /** Each context's pool: two contexts, as many connections as Modulith's one pool. */
    static final int CONNECTIONS_PER_CONTEXT = 5;

    static final int MODULITH_CONNECTIONS = 10;

    private static final long ROUND_TIMEOUT_MILLIS = 120_000;

    private static final long STARTED = System.nanoTime();

    private EventDeliveryBenchmark() {
    }

    /**
     * How a run is made.
     * @param rate events per second of the latency rounds
     * @param latencyCount events per latency round
     * @param throughputCount events per throughput round
     * @param publishers publishing threads of the throughput rounds
     * @param rounds measured rounds of each kind and application
     * @param contextDbThreads {@code context-db.events.threads}, or 0 for its default
     */
    record Settings(int rate, int latencyCount, int throughputCount, int publishers, int rounds,
            int contextDbThreads) {

        static Settings fromSystemProperties() {
            return new Settings(Integer.getInteger("events.rate", 50), Integer.getInteger("events.latency.count", 1000),
                    Integer.getInteger("events.throughput.count", 5000), Integer.getInteger("events.publishers", 4),
                    Integer.getInteger("events.rounds", 3), Integer.getInteger("events.contextdb.threads", 0));
        }
    }

    /**
     * One application's figures.
     * @param name the application
     * @param p50Millis median publish-commit to listener-commit, ms
     * @param p99Millis 99th percentile, ms
     * @param maxMillis the slowest event, ms
     * @param eventsPerSecond throughput of each round, first publish to last listener commit
     * @param publishedPerSecond the publishing of each round alone, first publish to last publisher's return
     * @param duplicates events applied twice (expected: none)
     */
    record Side(String name, double p50Millis, double p99Millis, double maxMillis, List<Double> eventsPerSecond,
            List<Double> publishedPerSecond, int duplicates) {

        double meanEventsPerSecond() {
            return eventsPerSecond.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }
    }

    /** The two applications' figures of one run. */
    record Result(Settings settings, Side contextDb, Side modulith) {
    }

    public static void main(String[] args) throws Exception {
        Result result = measure(Settings.fromSystemProperties());
        Settings settings = result.settings();
        System.out.printf(Locale.ROOT, "%nEvents between two contexts, PostgreSQL: latency at %d events/s (%d rounds of"
                + " %d events), throughput with %d publishers (%d rounds of %d events)%n", settings.rate(),
                settings.rounds(), settings.latencyCount(), settings.publishers(), settings.rounds(),
                settings.throughputCount());
        System.out.println("| application | p50 ms | p99 ms | max ms | events/s delivered (mean; rounds) |"
                + " published/s (rounds) |");
        System.out.println("|---|---|---|---|---|---|");
        for (Side side : List.of(result.contextDb(), result.modulith())) {
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.1f | %.0f; %s | %s |%n", side.name(), side.p50Millis(),
                    side.p99Millis(), side.maxMillis(), side.meanEventsPerSecond(), rounded(side.eventsPerSecond()),
                    rounded(side.publishedPerSecond()));
        }
        System.out.printf(Locale.ROOT, "context-db / Modulith: p50 %.2f×, p99 %.2f×, events/s %.2f×%n",
                result.contextDb().p50Millis() / result.modulith().p50Millis(),
                result.contextDb().p99Millis() / result.modulith().p99Millis(),
                result.contextDb().meanEventsPerSecond() / result.modulith().meanEventsPerSecond());
    }

    /**
     * Starts both applications, measures them round by round, stops them and drops their schemas.
     * @param settings how
     * @return the figures
     * @throws Exception when a round fails: an event not delivered in time, or delivered twice
     */
    static Result measure(Settings settings) throws Exception {
        String prefix = Postgres.uniquePrefix();
        String ordersSchema = prefix + "orders";
        String shippingSchema = prefix + "shipping";
        String modulithSchema = prefix + "modulith";
        ConfigurableApplicationContext contextDbApp = null;
        ConfigurableApplicationContext modulithApp = null;
        try (Connection monitor = DriverManager.getConnection(Postgres.URL, Postgres.USER, Postgres.PASSWORD)) {
            contextDbApp = startContextDb(ordersSchema, shippingSchema, settings.contextDbThreads(), false);
            progress("context-db application started");
            modulithApp = startModulith(modulithSchema);
            progress("Spring Modulith application started");
            OrderService orders = contextDbApp.getBean(OrderService.class);
            PlainOrderService plainOrders = modulithApp.getBean(PlainOrderService.class);
            Application contextDb = new Application("context-db", orders::place, monitor,
                    "select count(*) from " + ordersSchema + ".cdb_delivery where status <> 'DONE'");
            Application modulith = new Application("Spring Modulith (JDBC registry)", plainOrders::place, monitor,
                    "select count(*) from " + modulithSchema + ".event_publication where completion_date is null");
            AtomicLong ids = new AtomicLong(1);
            // Warm-up: a latency and a throughput round of each, not counted.
            for (Application application : List.of(contextDb, modulith)) {
                latencyRound(application, ids, settings.rate(), Math.min(settings.latencyCount(), 200));
                throughputRound(application, ids, settings.publishers(), settings.throughputCount());
            }
            for (int round = 0; round < settings.rounds(); round++) {
                // Alternate which application goes first, so that neither always follows the other's round.
                List<Application> order = round % 2 == 0 ? List.of(contextDb, modulith) : List.of(modulith, contextDb);
                for (Application application : order) {
                    application.latencies.add(latencyRound(application, ids, settings.rate(), settings.latencyCount()));
                }
                for (Application application : order) {
                    application.throughputs.add(throughputRound(application, ids, settings.publishers(),
                            settings.throughputCount()));
                }
            }
            return new Result(settings, contextDb.side(), modulith.side());
        } finally {
            try {
                if (contextDbApp != null) {
                    contextDbApp.close();
                }
                if (modulithApp != null) {
                    modulithApp.close();
                }
                progress("applications stopped");
            } finally {
                Postgres.execute("drop schema if exists " + ordersSchema + " cascade");
                Postgres.execute("drop schema if exists " + shippingSchema + " cascade");
                Postgres.execute("drop schema if exists " + modulithSchema + " cascade");
            }
        }
    }

    /**
     * @param ordersSchema orders' schema
     * @param shippingSchema shipping's schema
     * @param threads {@code context-db.events.threads}, 0 for the default
     * @param rabbit whether Boot's RabbitMQ auto-configuration (and so context-db's externalization) is on
     * @return the context-db application: contexts {@code orders} and {@code shipping} on {@code SCHEMA}
     */
    static ConfigurableApplicationContext startContextDb(String ordersSchema, String shippingSchema, int threads,
            boolean rabbit) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("context-db.base-packages", "dev.contextdb.benchmarks.boot.delivery.contextdb");
        properties.put("context-db.strategy", "schema");
        properties.put("context-db.datasource.url", Postgres.URL);
        properties.put("context-db.datasource.username", Postgres.USER);
        properties.put("context-db.datasource.password", Postgres.PASSWORD);
        properties.put("context-db.pool.maximum-pool-size", CONNECTIONS_PER_CONTEXT);
        properties.put("context-db.pool.minimum-idle", CONNECTIONS_PER_CONTEXT);
        properties.put("context-db.contexts.orders.schema", ordersSchema);
        properties.put("context-db.contexts.shipping.schema", shippingSchema);
        if (threads > 0) {
            properties.put("context-db.events.threads", threads);
        }
        if (rabbit) {
            properties.put("spring.rabbitmq.host", RabbitExternalizationBenchmark.HOST);
            properties.put("spring.rabbitmq.port", RabbitExternalizationBenchmark.PORT);
            properties.put("spring.rabbitmq.username", RabbitExternalizationBenchmark.USER);
            properties.put("spring.rabbitmq.password", RabbitExternalizationBenchmark.PASSWORD);
        }
        return BootApplications.runWithEvents(ContextDbDeliveryApplication.class, properties, rabbit);
    }

    /**
     * @param schema the schema of Boot's one DataSource, created here first: Modulith's schema
     *     initialization may run before Flyway would create it
     * @return the Spring Modulith application
     */
    static ConfigurableApplicationContext startModulith(String schema) throws SQLException {
        Postgres.execute("create schema " + schema);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", Postgres.URL);
        properties.put("spring.datasource.username", Postgres.USER);
        properties.put("spring.datasource.password", Postgres.PASSWORD);
        properties.put("spring.datasource.hikari.maximum-pool-size", MODULITH_CONNECTIONS);
        properties.put("spring.datasource.hikari.minimum-idle", MODULITH_CONNECTIONS);
        properties.put("spring.datasource.hikari.schema", schema);
        properties.put("spring.flyway.schemas", schema);
        properties.put("spring.flyway.default-schema", schema);
        properties.put("spring.flyway.locations", "classpath:db/events-modulith");
        properties.put("spring.modulith.events.jdbc.schema-initialization.enabled", true);
        return BootApplications.runModulith(ModulithDeliveryApplication.class, properties);
    }

    /** @return publish-commit to listener-commit of each event, microseconds, sorted */
    /** A line on standard error, so that a long run shows where it is. */
    static void progress(String line) {
        System.err.printf(Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - STARTED) / 1e9, line);
    }

    private static long[] latencyRound(Application application, AtomicLong ids, int rate, int count)
            throws Exception {
        long first = ids.getAndAdd(count);
        EventClock.Round round = EventClock.start(first, count);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long wait;
            while ((wait = start + i * interval - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            application.publish.accept(first + i);
        }
        finish(application, round);
        long[] latencies = round.latenciesMicros();
        progress(String.format(Locale.ROOT, "%s: %d events at %d/s, p50 %.2f ms", application.name, count, rate,
                Application.percentile(latencies, 0.5)));
        return latencies;
    }

    /** @return events per second from the first publish to the last listener commit */
    private static double throughputRound(Application application, AtomicLong ids, int publishers, int count)
            throws Exception {
        long first = ids.getAndAdd(count);
        EventClock.Round round = EventClock.start(first, count);
        long start = System.nanoTime();
        publishConcurrently(application.name, first, count, publishers, application.publish::accept);
        long published = System.nanoTime();
        finish(application, round);
        double perSecond = count / ((round.lastApplied() - start) / 1e9);
        application.publishing.add(count / ((published - start) / 1e9));
        progress(String.format(Locale.ROOT, "%s: %d events, %d publishers, %.0f/s delivered (published at %.0f/s)",
                application.name, count, publishers, perSecond, count / ((published - start) / 1e9)));
        return perSecond;
    }

    /** Waits until every event was applied and each library recorded its deliveries as completed. */
    private static void finish(Application application, EventClock.Round round) throws Exception {
        if (!round.awaitApplied(ROUND_TIMEOUT_MILLIS)) {
            throw new IllegalStateException(application.name + ": " + round.applied() + " events applied within "
                    + ROUND_TIMEOUT_MILLIS + " ms, not all of them");
        }
        long deadline = System.currentTimeMillis() + ROUND_TIMEOUT_MILLIS;
        while (count(application.monitor, application.incomplete) > 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(application.name + ": deliveries still not completed after "
                        + ROUND_TIMEOUT_MILLIS + " ms (" + application.incomplete + ")");
            }
            Thread.sleep(10);
        }
        if (round.duplicates() > 0 || round.strays() > 0) {
            throw new IllegalStateException(application.name + ": " + round.duplicates() + " events applied twice, "
                    + round.strays() + " of no round");
        }
        application.duplicates += round.duplicates();
    }

    static long count(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Publishes with one id. */
    interface Publish {
        void publish(long id) throws Exception;
    }

    /**
     * Publishes ids {@code first} … {@code first + count - 1} from {@code publishers} threads, each
     * taking the next id, and returns when all are published.
     * @throws IllegalStateException with the first failure of any thread
     */
    static void publishConcurrently(String name, long first, int count, int publishers, Publish publish)
            throws InterruptedException {
        AtomicLong next = new AtomicLong(first);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < publishers; t++) {
            threads.add(start("publisher-" + t, () -> {
                try {
                    for (long id = next.getAndIncrement(); id < first + count; id = next.getAndIncrement()) {
                        publish.publish(id);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(name + ": publishing failed", failure.get());
        }
    }

    private static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.start();
        return thread;
    }

    private static String rounded(List<Double> values) {
        return values.stream().map(value -> String.format(Locale.ROOT, "%.0f", value)).toList().toString();
    }

    /** One application under test: how to publish, how to count its incomplete deliveries, its figures so far. */
    private static final class Application {

        final String name;
        final LongConsumer publish;
        final Connection monitor;
        final String incomplete;
        final List<long[]> latencies = new ArrayList<>();
        final List<Double> throughputs = new ArrayList<>();
        final List<Double> publishing = new ArrayList<>();
        int duplicates;

        Application(String name, LongConsumer publish, Connection monitor, String incomplete) {
            this.name = name;
            this.publish = publish;
            this.monitor = monitor;
            this.incomplete = incomplete;
        }

        Side side() {
            long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            return new Side(name, percentile(all, 0.50), percentile(all, 0.99), all.length == 0 ? 0 : all[all.length - 1]
                    / 1000.0, List.copyOf(throughputs),
                    List.copyOf(publishing.subList(publishing.size() - throughputs.size(), publishing.size())), duplicates);
        }

        static double percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1000.0;
        }
    }
}
