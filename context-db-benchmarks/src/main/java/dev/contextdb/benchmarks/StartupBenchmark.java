package dev.contextdb.benchmarks;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import java.util.ArrayList;
import java.util.List;
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

/**
 * Startup to ready of the data layer for N contexts on embedded H2 under {@code SCHEMA}: validate
 * the settings, create N schemas, start N pools and run each context's two migrations. A fresh
 * in-memory database for every start. Ratios against N = 1 in the same run.
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

    private ContextModel model;
    private String url;
    private ContextDb started;

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
        url = "jdbc:h2:mem:startup_" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    }

    @Benchmark
    public ContextDb startToReady() {
        ContextDb.Builder builder = ContextDb.builder(model).datasource(url, "sa", "")
                .pool("maximumPoolSize", "2").pool("minimumIdle", "1");
        for (ContextDefinition definition : model.contexts()) {
            builder.context(definition.name(), settings -> settings.migrationLocations("classpath:db/startup"));
        }
        started = builder.build();
        return started;
    }

    @TearDown(Level.Invocation)
    public void stop() throws Exception {
        started.close();
        try (var connection = java.sql.DriverManager.getConnection(url, "sa", "");
                var statement = connection.createStatement()) {
            statement.execute("shutdown");
        }
    }
}
