package dev.contextdb.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.contextdb.ContextDb;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import dev.contextdb.ContextScope;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.Pooling;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code SCHEMA} with {@code pooling: shared} on PostgreSQL: 100 contexts served by one pool of 10
 * connections, each borrow running {@code select 1}. Baselines in the same run: the same pool
 * without any schema work, and the naive ways of switching on every checkout.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(2)
@Threads(4)
@State(Scope.Benchmark)
public class SharedPoolBenchmark {

    static final int CONNECTIONS = 10;

    /** How many contexts share the pool. */
    @Param("100")
    public int contexts;

    private String prefix;
    private ContextDb contextDb;
    private DataSource routed;
    private HikariDataSource raw;
    private final List<String> names = new ArrayList<>();

    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup(Level.Trial)
    public void start() {
        prefix = Postgres.uniquePrefix();
        List<ContextDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < contexts; i++) {
            String name = String.format("c%03d", i);
            names.add(name);
            definitions.add(ContextDefinition.of(name, "bench." + name));
        }
        ContextDb.Builder builder = ContextDb.builder(ContextModel.of(definitions)).strategy(IsolationStrategy.SCHEMA)
                .pooling(Pooling.SINGLE_POOL).migrate(false)
                .datasource(Postgres.URL, Postgres.USER, Postgres.PASSWORD)
                .pool("maximumPoolSize", Integer.toString(CONNECTIONS))
                .pool("minimumIdle", Integer.toString(CONNECTIONS));
        for (String name : names) {
            builder.context(name, c -> c.schema(prefix + name));
        }
        contextDb = builder.build();
        routed = contextDb.routingDataSource();
        raw = Postgres.pool("bench-raw", CONNECTIONS);
    }

    @TearDown(Level.Trial)
    public void stop() throws SQLException {
        contextDb.close();
        raw.close();
        for (String name : names) {
            Postgres.execute("drop schema if exists " + prefix + name + " cascade");
        }
    }

    /** Baseline: one pool, no schema work at all. */
    @Benchmark
    public int rawHikari() throws SQLException {
        try (Connection connection = raw.getConnection()) {
            return selectOne(connection);
        }
    }

    /** All requests in one context: connections are already on its schema, no switch. */
    @Benchmark
    public int sharedPoolSameContext() throws SQLException {
        return ContextScope.call(names.get(0), () -> {
            try (Connection connection = routed.getConnection()) {
                return selectOne(connection);
            }
        });
    }

    /** Requests spread over 100 contexts: nearly every borrow switches (one round trip). */
    @Benchmark
    public int sharedPoolSpreadOver100Contexts(Cursor cursor) throws SQLException {
        String context = names.get(cursor.next++ % contexts);
        return ContextScope.call(context, () -> {
            try (Connection connection = routed.getConnection()) {
                return selectOne(connection);
            }
        });
    }

    /** What a hand-written multi-tenant pool often does: SET search_path on every checkout. */
    @Benchmark
    public int naiveSearchPathOnEveryCheckout(Cursor cursor) throws SQLException {
        String schema = prefix + names.get(cursor.next++ % contexts);
        try (Connection connection = raw.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET search_path TO \"" + schema + "\"");
            }
            return selectOne(connection);
        }
    }

    /** Connection.setSchema on every checkout, through HikariCP's proxy. */
    @Benchmark
    public int naiveSetSchemaOnEveryCheckout(Cursor cursor) throws SQLException {
        String schema = prefix + names.get(cursor.next++ % contexts);
        try (Connection connection = raw.getConnection()) {
            connection.setSchema(schema);
            return selectOne(connection);
        }
    }

    private static int selectOne(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("select 1")) {
            row.next();
            return row.getInt(1);
        }
    }
}
