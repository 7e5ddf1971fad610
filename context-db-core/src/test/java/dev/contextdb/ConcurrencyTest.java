package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
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
        run("8 platform threads", Executors.newFixedThreadPool(8));
        ExecutorService virtual = virtualThreads();
        if (virtual != null) {
            // At most 16 at once: unbounded, thousands of threads each holding one context's
            // connection while waiting for another's would starve the pools of 3 (see docs/core.md).
            run("virtual threads (16 at a time)", virtual);
        } else {
            System.out.println("ConcurrencyTest: virtual threads need Java 21+, this JVM is " + Runtime.version()
                    + "; run this test with a newer JDK to cover them");
        }
    }

    /** Spring's {@code @Async} on a pooled executor: no context may leak from one task to the next. */
    @Test
    void asyncWorkOnPooledThreadsLeavesNoContextBehind() throws Exception {
        try (Scenario scenario = new Scenario(Kind.POSTGRESQL, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                ContextDb db = scenario.builder(FIVE).pool("maximumPoolSize", "3").guard(Guard.ALLOW).build();
                AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext()) {
            spring.registerBean(ContextDb.class, () -> db);
            spring.register(AsyncConfiguration.class);
            spring.refresh();
            AsyncOrders orders = spring.getBean(AsyncOrders.class);
            List<CompletableFuture<String>> results = new ArrayList<>();
            for (int id = 0; id < 1_000; id++) {
                results.add(orders.place(id));
            }
            for (CompletableFuture<String> result : results) {
                assertThat(result.get(1, TimeUnit.MINUTES)).isEqualTo("none before, orders inside");
            }
            assertThat(scenario.database().queryStrings("select count(*) from "
                    + scenario.qualified("orders", "purchase_order"))).containsExactly("800");
            for (HikariDataSource pool : db.pools().values()) {
                assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as(pool.getPoolName()).isZero();
            }
        }
    }

    @Configuration
    @EnableAsync
    static class AsyncConfiguration {
        @Bean
        ThreadPoolTaskExecutor taskExecutor() {
            ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
            executor.setCorePoolSize(4);
            executor.setMaxPoolSize(4);
            executor.setQueueCapacity(2_000);
            return executor;
        }

        @Bean
        AsyncOrders asyncOrders(ContextDb db) {
            return new AsyncOrders(db);
        }
    }

    static class AsyncOrders {
        private final TransactionTemplate inOrders;
        private final JdbcTemplate routed;

        AsyncOrders(ContextDb db) {
            this.inOrders = new TransactionTemplate(db.transactionManager("orders"));
            this.routed = new JdbcTemplate(db.routingDataSource());
        }

        @Async
        public CompletableFuture<String> place(int id) {
            String before = ContextScope.current().orElse("none");
            String[] inside = new String[1];
            try {
                inOrders.executeWithoutResult(tx -> {
                    inside[0] = ContextScope.current().orElse("none");
                    routed.update(INSERTS.get("orders"), id);
                    if (id % 5 == 0) {
                        throw new IllegalStateException("rollback");
                    }
                });
            } catch (IllegalStateException expected) {
                // rolled back on purpose
            }
            return CompletableFuture.completedFuture(before + " before, " + inside[0] + " inside");
        }
    }

    private static ExecutorService virtualThreads() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException notOnThisJava) {
            return null;
        }
    }

    private static void run(String threads, ExecutorService workers) throws Exception {
        Semaphore admitted = new Semaphore(threads.startsWith("virtual") ? 16 : Integer.MAX_VALUE);
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
            long started = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < TRANSACTIONS; i++) {
                int id = i;
                done.add(workers.submit(() -> {
                    admitted.acquireUninterruptibly();
                    try {
                        work(id, contexts, transactions, jdbc, rolledBack, leftContexts);
                    } finally {
                        admitted.release();
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(2, TimeUnit.MINUTES);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            workers.shutdown();
            verify(scenario, db, contexts, rolledBack, leftContexts);
            System.out.printf("ConcurrencyTest: %d transactions (%d rolled back, every 7th with nested work in"
                    + " another context) on %s over 5 pools of 3 in %d ms (%.0f tx/s); 0 active"
                    + " connections and 0 leftover contexts afterwards%n",
                    TRANSACTIONS, rolledBack.get(), threads, millis, TRANSACTIONS * 1000.0 / millis);
        }
    }

    private static void work(int id, List<String> contexts, Map<String, TransactionTemplate> transactions,
            Map<String, JdbcTemplate> jdbc, AtomicInteger rolledBack, AtomicInteger leftContexts) {
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
    }

    private static void verify(Scenario scenario, ContextDb db, List<String> contexts, AtomicInteger rolledBack,
            AtomicInteger leftContexts) {
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
    }
}
