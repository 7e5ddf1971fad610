package dev.contextdb.benchmarks;

import dev.contextdb.benchmarks.boot.jpastartup.JpaStartupApplication;
import dev.contextdb.benchmarks.boot.jpastartup.byhand.ByHandJpaStartupApplication;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot application with ten JPA bounded contexts ({@code SCHEMA}), each with an entity, a
 * Spring Data JPA repository and one migration, from {@code SpringApplication.run()} to ready, on a
 * fresh embedded H2 for every start: with the starter and no persistence configuration
 * ({@link #startToReady()}), and the same ten contexts written by hand ({@link #byHand()}: per
 * context a pool, a Flyway, an entity manager factory, a {@code JpaTransactionManager} and an
 * {@code @EnableJpaRepositories}). Single-shot times; the ratio of the two in the same run.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(3)
@State(Scope.Thread)
public class JpaStartupBenchmark {

    private static final AtomicLong DATABASES = new AtomicLong();

    private String url;
    private ConfigurableApplicationContext started;

    @Setup(Level.Invocation)
    public void freshDatabase() {
        url = "jdbc:h2:mem:jpa_startup_" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    }

    /** Ten JPA contexts with the starter: {@link JpaStartupApplication}. */
    @Benchmark
    public ConfigurableApplicationContext startToReady() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("context-db.base-packages", JpaStartupApplication.class.getPackageName() + ".contexts");
        properties.put("context-db.datasource.url", url);
        properties.put("context-db.datasource.username", "sa");
        properties.put("context-db.datasource.password", "");
        properties.put("context-db.pool.maximum-pool-size", 2);
        properties.put("context-db.pool.minimum-idle", 1);
        started = BootApplications.run(JpaStartupApplication.class, properties);
        return started;
    }

    /** The baseline: {@link ByHandJpaStartupApplication}, the same ten contexts written by hand. */
    @Benchmark
    public ConfigurableApplicationContext byHand() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("context-db.enabled", false);
        properties.put("spring.flyway.enabled", false);
        properties.put("byhand.url", url);
        started = BootApplications.run(ByHandJpaStartupApplication.class, properties);
        return started;
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
