package dev.contextdb.benchmarks;

import com.baomidou.dynamic.datasource.DynamicRoutingDataSource;
import com.baomidou.dynamic.datasource.toolkit.DynamicDataSourceContextHolder;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.contextdb.ContextDb;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import dev.contextdb.ContextScope;
import dev.contextdb.IsolationStrategy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * {@code getConnection()} + {@code close()} for the current context, on embedded H2 so that the
 * database costs nothing: what is left is the pool and the router. Every router sits on a pool of
 * its own with the same settings as the raw HikariCP baseline, measured in the same run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(3)
@State(Scope.Thread)
public class RoutingBenchmark {

    private static final ContextModel MODEL = ContextModel.of(ContextDefinition.of("orders", "bench.orders"),
            ContextDefinition.of("catalog", "bench.catalog"));

    private HikariDataSource raw;
    private ContextDb contextDb;
    private DataSource routed;
    private DataSource ownDataSource;
    private HikariDataSource springPool;
    private ThreadLocalRouter springRouter;
    private HikariDataSource baomidouPool;
    private DynamicRoutingDataSource baomidou;
    private ContextScope.Entry orders;

    @Setup(Level.Trial)
    public void start() throws Exception {
        raw = pool("raw");
        contextDb = ContextDb.builder(MODEL).strategy(IsolationStrategy.DATABASE).migrate(false)
                .pool("maximumPoolSize", "4").pool("minimumIdle", "4")
                .context("orders", c -> c.datasource(url("orders"), "sa", ""))
                .context("catalog", c -> c.datasource(url("catalog"), "sa", ""))
                .build();
        routed = contextDb.routingDataSource();
        ownDataSource = contextDb.dataSource("orders");
        springPool = pool("spring");
        springRouter = new ThreadLocalRouter(springPool);
        baomidouPool = pool("baomidou");
        baomidou = new DynamicRoutingDataSource(List.of());
        baomidou.addDataSource("orders", baomidouPool);
        baomidou.setPrimary("orders");
        // The current context, set once for the thread, as a request would.
        orders = ContextScope.enter("orders");
        ThreadLocalRouter.KEY.set("orders");
    }

    @TearDown(Level.Trial)
    public void stop() {
        orders.close();
        ThreadLocalRouter.KEY.remove();
        contextDb.close();
        raw.close();
        springPool.close();
        baomidou.destroy();
    }

    /** The baseline: HikariCP alone. */
    @Benchmark
    public Connection rawHikari() throws SQLException {
        try (Connection connection = raw.getConnection()) {
            return connection;
        }
    }

    /** The context's own DataSource, as injected into the context's beans. */
    @Benchmark
    public Connection contextDbOwnDataSource() throws SQLException {
        try (Connection connection = ownDataSource.getConnection()) {
            return connection;
        }
    }

    /** The routing DataSource with the context entered once (a transaction or a context bean's call). */
    @Benchmark
    public Connection contextDbRouted() throws SQLException {
        try (Connection connection = routed.getConnection()) {
            return connection;
        }
    }

    /** The routing DataSource with the context entered and left around every call. */
    @Benchmark
    public Connection contextDbRoutedScopePerCall() throws SQLException {
        return ContextScope.call("orders", () -> {
            try (Connection connection = routed.getConnection()) {
                return connection;
            }
        });
    }

    /** Spring's plain AbstractRoutingDataSource with a ThreadLocal key set once. */
    @Benchmark
    public Connection springRoutingKeySetOnce() throws SQLException {
        try (Connection connection = springRouter.getConnection()) {
            return connection;
        }
    }

    /** Spring's plain AbstractRoutingDataSource, key pushed and popped around every call. */
    @Benchmark
    public Connection springRoutingPushPop() throws SQLException {
        String before = ThreadLocalRouter.KEY.get();
        ThreadLocalRouter.KEY.set("orders");
        try (Connection connection = springRouter.getConnection()) {
            return connection;
        } finally {
            ThreadLocalRouter.KEY.set(before);
        }
    }

    /** baomidou's dynamic-datasource, key pushed and polled around every call as its aspect does. */
    @Benchmark
    public Connection baomidouPushPoll() throws SQLException {
        DynamicDataSourceContextHolder.push("orders");
        try (Connection connection = baomidou.getConnection()) {
            return connection;
        } finally {
            DynamicDataSourceContextHolder.poll();
        }
    }

    static HikariDataSource pool(String name) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("bench-" + name);
        config.setJdbcUrl(url(name));
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(4);
        return new HikariDataSource(config);
    }

    static String url(String name) {
        return "jdbc:h2:mem:bench_" + name + ";DB_CLOSE_DELAY=-1";
    }

    /** What applications write with Spring's routing: a key in a ThreadLocal. */
    static final class ThreadLocalRouter extends AbstractRoutingDataSource {
        static final ThreadLocal<String> KEY = new ThreadLocal<>();

        ThreadLocalRouter(DataSource orders) {
            setTargetDataSources(Map.of("orders", orders));
            afterPropertiesSet();
        }

        @Override
        protected Object determineCurrentLookupKey() {
            return KEY.get();
        }
    }
}
