package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.fixtures.shop.catalog.Catalog;
import dev.contextdb.fixtures.shop.inventory.Inventory;
import dev.contextdb.fixtures.shop.orders.Orders;
import dev.contextdb.test.TcpProxy;
import dev.contextdb.test.TestDatabase;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

/** One context's database goes away and comes back; the other contexts never notice. */
class FaultTest {

    @Test
    void aCutContextFailsFastWhileTheOthersServeAndRecoversWithoutRestart() throws Exception {
        ContextModel shop = ContextModel.scan("dev.contextdb.fixtures.shop");
        try (TestDatabase postgres = TestDatabase.postgres(); TestDatabase h2 = TestDatabase.h2()) {
            String ordersDb = postgres.createDatabase("orders");
            URI direct = URI.create(postgres.urlOf(ordersDb).substring("jdbc:".length()));
            try (TcpProxy proxy = new TcpProxy(direct.getHost(), direct.getPort())) {
                String viaProxy = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + ordersDb;
                try (ContextDb db = ContextDb.builder(shop).strategy(IsolationStrategy.SCHEMA)
                        .datasource(h2.url(), h2.username(), h2.password())
                        .pool("maximumPoolSize", "2").pool("connectionTimeout", "1000")
                        .context("orders", orders -> orders.strategy(IsolationStrategy.DATABASE)
                                .datasource(viaProxy, postgres.username(), postgres.password()))
                        .build()) {
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
                    // ... after that the pool checks, finds nothing and says which context is cut off.
                    Thread.sleep(600);
                    started = System.nanoTime();
                    assertThatThrownBy(() -> inOrders.executeWithoutResult(tx -> orders.place(2, 1, 1)))
                            .rootCause().isNotNull();
                    assertThatThrownBy(() -> inOrders.executeWithoutResult(tx -> orders.place(2, 1, 1)))
                            .cause().hasMessageStartingWith("Context 'orders' got no connection from its database:"
                                    + " contextdb-orders - Connection is not available, request timed out after");
                    long timedOutAfterMillis = (System.nanoTime() - started) / 1_000_000 / 2;
                    assertThat(timedOutAfterMillis).as("fails within the connection timeout").isLessThan(3_000);
                    for (int i = 0; i < 20; i++) {
                        catalog.add(100 + i, "item " + i);
                        inventory.stock(100 + i, i);
                    }
                    assertThat(catalog.names()).hasSize(20);

                    proxy.restore();
                    long restored = System.nanoTime();
                    long recoveredAfterMillis = -1;
                    while (recoveredAfterMillis < 0 && System.nanoTime() - restored < 15_000_000_000L) {
                        try {
                            inOrders.executeWithoutResult(tx -> orders.place(3, 1, 1));
                            recoveredAfterMillis = (System.nanoTime() - restored) / 1_000_000;
                        } catch (RuntimeException stillReconnecting) {
                            Thread.sleep(100);
                        }
                    }
                    assertThat(recoveredAfterMillis).as("serves again after the restore").isNotNegative();
                    assertThat(orders.count()).isEqualTo(2);
                    System.out.println("FaultTest: the cut context failed after " + failedAfterMillis + " ms (then "
                            + timedOutAfterMillis + " ms per request, connectionTimeout 1000); the other contexts served"
                            + " 40 statements meanwhile; orders served again " + recoveredAfterMillis
                            + " ms after the restore, without restart");
                }
            }
        }
    }
}
