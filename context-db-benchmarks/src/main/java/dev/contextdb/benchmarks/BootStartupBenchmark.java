package dev.contextdb.benchmarks;

import dev.contextdb.benchmarks.boot.startup.StartupApplication;
import dev.contextdb.benchmarks.boot.startup.byhand.ByHandStartupApplication;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole Spring Boot application with the starter, from {@code SpringApplication.run()} to ready,
 * for N bounded contexts ({@code SCHEMA}), each with one migration, on a fresh embedded H2 for every
 * start. Unlike {@link StartupBenchmark} (the data layer alone) this includes Boot's own start-up,
 * the context scan, the per-context beans and the application events. Ratios against N = 1 in the
 * same run, and against {@link #byHand()}: the same N pools, transaction managers, JDBC beans and
 * migrated Flyways declared by hand in a Boot application without context-db.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 8)
@Measurement(iterations = 10)
@Fork(3)
@State(Scope.Thread)
public class BootStartupBenchmark {

    private static final AtomicLong DATABASES = new AtomicLong();

    /** How many bounded contexts the application has: the contexts under package {@code n<contexts>}. */
    @Param({"1", "10", "50"})
    public int contexts;

    private String url;
    private ConfigurableApplicationContext started;

    @Setup(Level.Invocation)
    public void freshDatabase() {
        url = "jdbc:h2:mem:boot_startup_" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    }

    @Benchmark
    public ConfigurableApplicationContext startToReady() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("context-db.base-packages", StartupApplication.class.getPackageName() + ".n" + contexts);
        properties.put("context-db.datasource.url", url);
        properties.put("context-db.datasource.username", "sa");
        properties.put("context-db.datasource.password", "");
        // As StartupBenchmark: small pools, so the figure is not HikariCP filling idle connections.
        properties.put("context-db.pool.maximum-pool-size", 2);
        properties.put("context-db.pool.minimum-idle", 1);
        started = run(StartupApplication.class, properties);
        return started;
    }

    /** The baseline: {@link ByHandStartupApplication}, the same N contexts' beans written by hand. */
    @Benchmark
    public ConfigurableApplicationContext byHand() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("context-db.enabled", false);
        properties.put("spring.flyway.enabled", false);
        properties.put("byhand.contexts", contexts);
        properties.put("byhand.url", url);
        started = run(ByHandStartupApplication.class, properties);
        return started;
    }

    private static ConfigurableApplicationContext run(Class<?> source, Map<String, Object> properties) {
        return BootApplications.runWithoutJpa(source, properties);
    }

    @TearDown(Level.Invocation)
    public void stop() throws SQLException {
        if (started != null) {
            started.close();
            started = null;
        }
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("shutdown");
        }
    }
}
