package dev.contextdb.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.contextdb.ContextDb;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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

/**
 * Startup to ready of the data layer for N contexts under {@code SCHEMA}: validate the settings,
 * create N schemas, start N pools and run each context's two migrations. On embedded H2 (a fresh
 * in-memory database for every start) by default; {@code -p database=postgresql} starts on
 * PostgreSQL, in schemas named for this start and dropped after it. {@code -p threads=1,4}
 * compares start-up steps one at a time with several at once ({@code 0}: the library's default).
 * Ratios against N = 1 in the same run, and against {@link #flywayByHand()}: the same N pools
 * and N migration histories made with HikariCP and Flyway alone, without context-db.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(3)
@State(Scope.Thread)
public class StartupBenchmark {

    private static final AtomicLong DATABASES = new AtomicLong();

    /** How many contexts start. */
    @Param({"1", "10", "50"})
    public int contexts;

    /** {@code h2} or {@code postgresql}. */
    @Param({"h2"})
    public String database;

    /** {@code context-db.startup-threads}; 0 leaves the library's default. */
    @Param({"0"})
    public int threads;

    private ContextModel model;
    private String url;
    private String user;
    private String password;
    private String prefix;
    private ContextDb started;
    private List<HikariDataSource> byHand;

    @Setup(Level.Trial)
    public void declare() {
        List<ContextDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < contexts; i++) {
            String name = String.format("ctx%02d", i);
            definitions.add(ContextDefinition.of(name, "bench.startup." + name));
        }
        model = ContextModel.of(definitions);
    }

    @Setup(Level.Invocation)
    public void freshDatabase() {
        switch (database) {
            case "h2" -> {
                url = "jdbc:h2:mem:startup_" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
                user = "sa";
                password = "";
            }
            case "postgresql" -> {
                url = Postgres.URL;
                user = Postgres.USER;
                password = Postgres.PASSWORD;
                prefix = Postgres.uniquePrefix();
            }
            default -> throw new IllegalArgumentException("database must be h2 or postgresql, was " + database);
        }
    }

    @Benchmark
    public ContextDb startToReady() {
        ContextDb.Builder builder = ContextDb.builder(model).datasource(url, user, password)
                .pool("maximumPoolSize", "2").pool("minimumIdle", "1");
        if (threads > 0) {
            builder.startupThreads(threads);
        }
        for (ContextDefinition definition : model.contexts()) {
            builder.context(definition.name(), settings -> {
                settings.migrationLocations("classpath:db/startup");
                if (prefix != null) {
                    settings.schema(prefix + definition.name());
                }
            });
        }
        started = builder.build();
        return started;
    }

    /**
     * The least a team would write by hand for the same result: per context a HikariCP pool with
     * the same settings and Flyway on it, its history in the context's schema. What context-db
     * adds to a start-up is the difference to {@link #startToReady()}.
     */
    @Benchmark
    public List<HikariDataSource> flywayByHand() {
        List<HikariDataSource> pools = new ArrayList<>();
        byHand = pools;
        for (ContextDefinition definition : model.contexts()) {
            String schema = prefix == null ? definition.name() : prefix + definition.name();
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(user);
            config.setPassword(password);
            config.setMaximumPoolSize(2);
            config.setMinimumIdle(1);
            config.setPoolName("byhand-" + definition.name());
            HikariDataSource pool = new HikariDataSource(config);
            pools.add(pool);
            Flyway.configure(getClass().getClassLoader()).dataSource(pool).locations("classpath:db/startup")
                    .schemas(schema).defaultSchema(schema).createSchemas(true).load().migrate();
        }
        return pools;
    }

    @TearDown(Level.Invocation)
    public void stop() throws Exception {
        if (started != null) {
            started.close();
            started = null;
        }
        if (byHand != null) {
            byHand.forEach(HikariDataSource::close);
            byHand = null;
        }
        if (prefix != null) {
            for (ContextDefinition definition : model.contexts()) {
                Postgres.execute("drop schema if exists " + prefix + definition.name() + " cascade");
            }
            return;
        }
        try (var connection = java.sql.DriverManager.getConnection(url, user, password);
                var statement = connection.createStatement()) {
            statement.execute("shutdown");
        }
    }
}
