package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.fixtures.shop.catalog.Catalog;
import dev.contextdb.fixtures.shop.inventory.Inventory;
import dev.contextdb.fixtures.shop.orders.Orders;
import dev.contextdb.test.TcpProxy;
import dev.contextdb.test.TestDatabase;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One context's database goes away and comes back; the other contexts, on the same PostgreSQL
 * server, never notice.
 */
class FaultTest {

    static final int CONNECTION_TIMEOUT_MILLIS = 1_000;
    static final String CUT_OFF = "Context 'orders' got no connection from its database: contextdb-orders"
            + " - Connection is not available, request timed out after";

    @Test
    void aCutContextFailsFastWhileTheOthersServeAndRecoversWithoutRestart() throws Exception {
        ContextModel shop = ContextModel.scan("dev.contextdb.fixtures.shop");
        try (TestDatabase postgres = TestDatabase.postgres()) {
            // catalog and inventory in schemas of the server's base database, reached directly;
            // orders in a database of its own on the same server, reached only through the proxy.
            String catalogSchema = TestDatabase.uniqueName("catalog");
            String inventorySchema = TestDatabase.uniqueName("inventory");
            postgres.dropSchemaLater(catalogSchema);
            postgres.dropSchemaLater(inventorySchema);
            String ordersDb = postgres.createDatabase("orders");
            URI direct = URI.create(postgres.urlOf(ordersDb).substring("jdbc:".length()));
            try (TcpProxy proxy = new TcpProxy(direct.getHost(), direct.getPort())) {
                String viaProxy = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + ordersDb;
                try (ContextDb db = ContextDb.builder(shop).strategy(IsolationStrategy.SCHEMA)
                        .datasource(postgres.url(), postgres.username(), postgres.password())
                        .pool("maximumPoolSize", "2").pool("connectionTimeout", Integer.toString(CONNECTION_TIMEOUT_MILLIS))
                        .context("catalog", catalog -> catalog.schema(catalogSchema))
                        .context("inventory", inventory -> inventory.schema(inventorySchema))
                        .context("orders", orders -> orders.strategy(IsolationStrategy.DATABASE)
                                .datasource(viaProxy, postgres.username(), postgres.password()))
                        .build()) {
                    assertThat(db.placement("catalog").url()).isEqualTo(postgres.url());
                    assertThat(db.placement("inventory").url()).isEqualTo(postgres.url());
                    Orders orders = new Orders(db.dataSource("orders"));
                    Catalog catalog = new Catalog(db.dataSource("catalog"));
                    Inventory inventory = new Inventory(db.dataSource("inventory"));
                    TransactionTemplate inOrders = new TransactionTemplate(db.transactionManager("orders"));
                    inOrders.executeWithoutResult(tx -> orders.place(1, 1, 1));

                    proxy.cut();
                    // A connection used a moment ago is handed out unchecked and fails on first use ...
                    long started = System.nanoTime();
                    assertThatThrownBy(() -> inOrders.executeWithoutResult(tx -> orders.place(2, 1, 1)));
                    long failedAfterMillis = (System.nanoTime() - started) / 1_000_000;
                    assertThat(failedAfterMillis).as("fails fast").isLessThan(5_000);
                    // ... then, once Hikari checks what it hands out (it skips the check for a
                    // connection used in the last 500 ms), it finds nothing and names the context.
                    Throwable cutOff = pollUntilCutOff(inOrders, orders);
                    assertThat(cutOff.getCause()).hasMessageStartingWith(CUT_OFF);

                    // orders keeps failing on a thread of its own while the others work on the same server.
                    CutContext cut = new CutContext(inOrders, orders);
                    ExecutorService ordersCaller = Executors.newSingleThreadExecutor();
                    Future<?> calling = ordersCaller.submit(cut);
                    assertThat(cut.firstFailure.await(30, TimeUnit.SECONDS)).as("orders fails while cut").isTrue();
                    long slowestOtherMillis = 0;
                    int failuresBefore = cut.failures.get();
                    for (int i = 0; i < 20; i++) {
                        long call = System.nanoTime();
                        catalog.add(100 + i, "item " + i);
                        inventory.stock(100 + i, i);
                        slowestOtherMillis = Math.max(slowestOtherMillis, (System.nanoTime() - call) / 1_000_000);
                    }
                    List<String> names = catalog.names();
                    cut.stop.set(true);
                    calling.get(30, TimeUnit.SECONDS);
                    ordersCaller.shutdown();
                    assertThat(names).hasSize(20);
                    assertThat(slowestOtherMillis).as("the other contexts never wait for the cut one's connection"
                            + " timeout").isLessThan(CONNECTION_TIMEOUT_MILLIS);
                    assertThat(cut.successes.get()).as("orders served while cut").isZero();
                    assertThat(cut.failures.get()).as("orders requests while the others worked")
                            .isGreaterThan(failuresBefore);
                    assertThat(cut.slowestMillis.get()).as("orders fails within its connection timeout, plus a margin")
                            .isLessThan(3L * CONNECTION_TIMEOUT_MILLIS);
                    assertThat(cut.messages).as("orders' errors while cut").isNotEmpty()
                            .allSatisfy(message -> assertThat(message).startsWith(CUT_OFF));
                    List<String> ids = IntStream.range(100, 120).mapToObj(Integer::toString).toList();
                    assertThat(postgres.queryStrings("select id from " + catalogSchema + ".product order by id"))
                            .containsExactlyElementsOf(ids);
                    assertThat(postgres.queryStrings("select product_id from " + inventorySchema
                            + ".stock order by product_id")).containsExactlyElementsOf(ids);

                    proxy.restore();
                    long restored = System.nanoTime();
                    long servesAgainAfterMillis = pollUntilServing(db.dataSource("orders"), restored);
                    inOrders.executeWithoutResult(tx -> orders.place(3, 1, 1));
                    assertThat(postgres.queryStringsIn(ordersDb, "select id from purchase_order order by id"))
                            .containsExactly("1", "3");
                    System.out.println("FaultTest: the cut context failed after " + failedAfterMillis + " ms, then"
                            + " " + cut.failures + " times in a row within at most " + cut.slowestMillis + " ms"
                            + " (connectionTimeout " + CONNECTION_TIMEOUT_MILLIS + " ms), while catalog and inventory on the same PostgreSQL server served 41"
                            + " statements (slowest " + slowestOtherMillis + " ms); orders' DataSource served again "
                            + servesAgainAfterMillis + " ms after the restore, without restart");
                }
            }
        }
    }

    /**
     * Calls orders until its error names the cut context: the first calls after the cut may still
     * get a pooled connection that dies on first use.
     */
    private static Throwable pollUntilCutOff(TransactionTemplate inOrders, Orders orders) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            try {
                inOrders.executeWithoutResult(tx -> orders.place(2, 1, 1));
                throw new AssertionError("orders served while its database was cut off");
            } catch (RuntimeException failure) {
                last = failure;
                if (failure.getCause() != null && String.valueOf(failure.getCause().getMessage()).startsWith(CUT_OFF)) {
                    return failure;
                }
            }
        }
        throw new AssertionError("orders never reported being cut off within 30 s; last error: " + last, last);
    }

    /**
     * The core's health check, as the starter's health indicator does it: a connection of the
     * context's own DataSource that the driver reports valid. Each failed attempt waits for the
     * connection timeout, so the loop needs no pause of its own.
     */
    private static long pollUntilServing(DataSource dataSource, long since) {
        long deadline = since + TimeUnit.SECONDS.toNanos(30);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (Connection connection = dataSource.getConnection()) {
                if (connection.isValid(1)) {
                    return (System.nanoTime() - since) / 1_000_000;
                }
            } catch (SQLException stillCut) {
                last = stillCut;
            }
        }
        throw new AssertionError("orders' DataSource did not serve again within 30 s of the restore; last error: "
                + last, last);
    }

    /** Calls the cut context until told to stop, recording how each call ends. */
    private static final class CutContext implements Runnable {
        final TransactionTemplate inOrders;
        final Orders orders;
        final AtomicBoolean stop = new AtomicBoolean();
        final CountDownLatch firstFailure = new CountDownLatch(1);
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger successes = new AtomicInteger();
        final AtomicLong slowestMillis = new AtomicLong();
        final List<String> messages = new CopyOnWriteArrayList<>();

        CutContext(TransactionTemplate inOrders, Orders orders) {
            this.inOrders = inOrders;
            this.orders = orders;
        }

        @Override
        public void run() {
            while (!stop.get()) {
                long started = System.nanoTime();
                try {
                    inOrders.executeWithoutResult(tx -> orders.place(2, 1, 1));
                    successes.incrementAndGet();
                } catch (RuntimeException failure) {
                    messages.add(String.valueOf(failure.getCause() == null ? failure : failure.getCause().getMessage()));
                    failures.incrementAndGet();
                    firstFailure.countDown();
                }
                slowestMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
            }
        }
    }
}
