package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 10,000 transactions over 5 contexts on PostgreSQL, from 8 threads sharing pools of 3, with a
 * fifth of them rolled back by a thrown exception and nested work in other contexts. Afterwards
 * no connection is still borrowed, no thread holds a context, and exactly the committed rows exist.
 */
class ConcurrencyTest {

    static final int TRANSACTIONS = 10_000;
    static final ContextModel FIVE = ContextModel.of(
            ContextDefinition.of("catalog", "x.catalog"), ContextDefinition.of("inventory", "x.inventory"),
            ContextDefinition.of("orders", "x.orders"), ContextDefinition.of("ledger", "x.ledger"),
            ContextDefinition.of("journal", "x.journal"));
    static final Map<String, String> INSERTS = Map.of(
            "catalog", "insert into product (id, name) values (?, 'p')",
            "inventory", "insert into stock (product_id, quantity) values (?, 1)",
            "orders", "insert into purchase_order (id, product_id, quantity) values (?, 1, 1)",
            "ledger", "insert into entry (id, amount) values (?, 1)",
            "journal", "insert into entry (id, note) values (?, 'n')");
    static final Map<String, String> TABLES = Map.of("catalog", "product", "inventory", "stock",
            "orders", "purchase_order", "ledger", "entry", "journal", "entry");

    @Test
    void tenThousandTransactionsLeaveNoBorrowedConnectionNoContextAndExactlyTheCommittedRows() throws Exception {
        try (Scenario scenario = new Scenario(Kind.POSTGRESQL, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                ContextDb db = scenario.builder(FIVE).pool("maximumPoolSize", "3").pool("minimumIdle", "3")
                        .guard(Guard.ALLOW).build()) {
            List<String> contexts = FIVE.names();
            Map<String, TransactionTemplate> transactions = new LinkedHashMap<>();
            Map<String, JdbcTemplate> jdbc = new LinkedHashMap<>();
            for (String context : contexts) {
                transactions.put(context, new TransactionTemplate(db.transactionManager(context)));
                jdbc.put(context, new JdbcTemplate(db.routingDataSource()));
            }
            AtomicInteger leftContexts = new AtomicInteger();
            AtomicInteger rolledBack = new AtomicInteger();
            ExecutorService workers = Executors.newFixedThreadPool(8);
            long started = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < TRANSACTIONS; i++) {
                int id = i;
                done.add(workers.submit(() -> {
                    String context = contexts.get(id % contexts.size());
                    String other = contexts.get((id + 1) % contexts.size());
                    try {
                        transactions.get(context).executeWithoutResult(tx -> {
                            jdbc.get(context).update(INSERTS.get(context), id);
                            if (id % 7 == 0) {
                                // Nested: another context's read in a scope, then its own transaction.
                                ContextScope.run(other, () -> jdbc.get(other)
                                        .queryForObject("select count(*) from " + TABLES.get(other), Long.class));
                                transactions.get(other).executeWithoutResult(inner -> jdbc.get(other)
                                        .queryForObject("select count(*) from " + TABLES.get(other), Long.class));
                            }
                            if (id % 5 == 0) {
                                throw new IllegalStateException("rollback " + id);
                            }
                        });
                    } catch (IllegalStateException expected) {
                        rolledBack.incrementAndGet();
                    }
                    if (ContextScope.current().isPresent()) {
                        leftContexts.incrementAndGet();
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(2, TimeUnit.MINUTES);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            workers.shutdown();

            assertThat(rolledBack.get()).isEqualTo(TRANSACTIONS / 5);
            assertThat(leftContexts.get()).isZero();
            for (HikariDataSource pool : db.pools().values()) {
                assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as(pool.getPoolName()).isZero();
            }
            for (int c = 0; c < contexts.size(); c++) {
                String context = contexts.get(c);
                List<String> expected = new ArrayList<>();
                for (int id = c; id < TRANSACTIONS; id += contexts.size()) {
                    if (id % 5 != 0) {
                        expected.add(Integer.toString(id));
                    }
                }
                String key = context.equals("inventory") ? "product_id" : "id";
                assertThat(scenario.database().queryStrings("select " + key + " from "
                        + scenario.qualified(context, TABLES.get(context)) + " order by " + key))
                        .as(context).containsExactlyInAnyOrderElementsOf(expected);
            }
            System.out.printf("ConcurrencyTest: %d transactions (%d rolled back, every 7th with nested work in"
                    + " another context) on 8 threads over 5 pools of 3 in %d ms (%.0f tx/s); 0 active"
                    + " connections and 0 leftover contexts afterwards%n",
                    TRANSACTIONS, rolledBack.get(), millis, TRANSACTIONS * 1000.0 / millis);
        }
    }
}
