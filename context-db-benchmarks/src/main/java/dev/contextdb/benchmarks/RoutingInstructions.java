package dev.contextdb.benchmarks;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import dev.contextdb.ContextScope;
import dev.contextdb.IsolationStrategy;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The routed {@code getConnection()} + {@code close()} against raw HikariCP in instructions rather
 * than seconds, for {@code valgrind --tool=callgrind}, whose counts do not depend on what else the
 * machine is doing. Each run sets up both paths the same way, then makes {@code calls} calls on
 * one of them; the instructions of one call are the difference between two runs with different
 * numbers of calls, divided by that difference (docs/benchmarks.md has the commands and figures).
 *
 * <pre>{@code
 * valgrind --tool=callgrind --smc-check=all-non-file --callgrind-out-file=/dev/null \
 *     java -XX:+UseSerialGC -Xms256m -Xmx256m -cp benchmarks.jar \
 *     dev.contextdb.benchmarks.RoutingInstructions routed 1000000
 * }</pre>
 */
public final class RoutingInstructions {

    private RoutingInstructions() {
    }

    /**
     * @param args {@code raw}, {@code routed}, {@code own} (the context's own DataSource),
     *     {@code spring} (Spring's {@code AbstractRoutingDataSource}, key set once), {@code shared-same}
     *     (one pool shared by two {@code SCHEMA} contexts, always the same context) or
     *     {@code shared-alternating} (the two contexts in turn: a schema switch on every call), then the
     *     number of calls
     * @throws SQLException if H2 fails
     */
    public static void main(String[] args) throws SQLException {
        String path = args[0];
        int calls = Integer.parseInt(args[1]);
        if (path.startsWith("shared-")) {
            sharedPool(path.equals("shared-alternating"), calls);
            return;
        }
        ContextModel model = ContextModel.of(ContextDefinition.of("orders", "bench.orders"));
        try (HikariDataSource raw = RoutingBenchmark.pool("raw");
                ContextDb contextDb = ContextDb.builder(model).strategy(IsolationStrategy.DATABASE).migrate(false)
                        .pool("maximumPoolSize", "4").pool("minimumIdle", "4")
                        .context("orders", c -> c.datasource(RoutingBenchmark.url("orders"), "sa", ""))
                        .build()) {
            DataSource target = switch (path) {
                case "raw" -> raw;
                case "routed" -> contextDb.routingDataSource();
                case "own" -> contextDb.dataSource("orders");
                case "spring" -> new RoutingBenchmark.ThreadLocalRouter(raw);
                default -> throw new IllegalArgumentException("path must be raw, routed, own or spring, was " + path);
            };
            RoutingBenchmark.ThreadLocalRouter.KEY.set("orders");
            // Entered once around every call, as a transaction or a context bean's call would.
            long checksum = ContextScope.call("orders", () -> {
                long sum = 0;
                for (int i = 0; i < calls; i++) {
                    try (Connection connection = target.getConnection()) {
                        sum += connection.hashCode() & 1;
                    }
                }
                return sum;
            });
            System.out.println(path + " " + calls + " calls, checksum " + checksum);
        }
    }

    /** {@code SCHEMA} with one pool for two contexts on H2, each call on a context's own DataSource. */
    private static void sharedPool(boolean alternating, int calls) throws SQLException {
        ContextModel model = ContextModel.of(ContextDefinition.of("orders", "bench.orders"),
                ContextDefinition.of("catalog", "bench.catalog"));
        try (ContextDb contextDb = ContextDb.builder(model).strategy(IsolationStrategy.SCHEMA)
                .pooling(dev.contextdb.Pooling.SINGLE_POOL).migrate(false)
                .datasource(RoutingBenchmark.url("shared"), "sa", "")
                .pool("maximumPoolSize", "4").pool("minimumIdle", "4").build()) {
            DataSource[] contexts = {contextDb.dataSource("orders"), contextDb.dataSource("catalog")};
            long checksum = 0;
            for (int i = 0; i < calls; i++) {
                try (Connection connection = contexts[alternating ? i & 1 : 0].getConnection()) {
                    checksum += connection.hashCode() & 1;
                }
            }
            System.out.println((alternating ? "shared-alternating " : "shared-same ") + calls + " calls, checksum "
                    + checksum);
        }
    }
}
