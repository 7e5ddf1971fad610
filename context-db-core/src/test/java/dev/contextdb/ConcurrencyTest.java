package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 10,000 transactions over 5 contexts on PostgreSQL, with a pool per context and with one shared
 * pool, from 8 threads at a time (platform threads, and virtual threads on Java 21+), with a fifth
 * of each context's transactions rolled back by a thrown exception, and every seventh writing in
 * another context in a transaction of that context's own. Afterwards no connection is still
 * borrowed, no thread holds a context, and exactly the committed rows exist, each in its own
 * context's schema.
 */
class ConcurrencyTest {

    static final int TRANSACTIONS = 10_000;
    /** Ids of the rows written by nested work, apart from those of the outer transactions. */
    static final int NESTED = 1_000_000;
    /** Threads at work at once: with each holding at most two connections, the shared pool has one more. */
    static final int CONCURRENCY = 8;
    static final ContextModel FIVE = ContextModel.of(
            ContextDefinition.of("catalog", "x.catalog"), ContextDefinition.of("inventory", "x.inventory"),
            ContextDefinition.of("orders", "x.orders"), ContextDefinition.of("ledger", "x.ledger"),
            ContextDefinition.of("journal", "x.journal"));
    static final List<String> CONTEXTS = FIVE.names();
    static final Map<String, String> INSERTS = Map.of(
            "catalog", "insert into product (id, name) values (?, 'p')",
            "inventory", "insert into stock (product_id, quantity) values (?, 1)",
            "orders", "insert into purchase_order (id, product_id, quantity) values (?, 1, 1)",
            "ledger", "insert into entry (id, amount) values (?, 1)",
            "journal", "insert into entry (id, note) values (?, 'n')");
    static final Map<String, String> TABLES = Map.of("catalog", "product", "inventory", "stock",
            "orders", "purchase_order", "ledger", "entry", "journal", "entry");
    static final Map<String, String> KEYS = Map.of("catalog", "id", "inventory", "product_id",
            "orders", "id", "ledger", "id", "journal", "id");

    // The id's lowest digit in base 5 picks the context and the next one the rollback, so that
    // every context rolls back a fifth of its own transactions.
    static String contextOf(int id) {
        return CONTEXTS.get(id % 5);
    }

    static boolean rollsBack(int id) {
        return id / 5 % 5 == 0;
    }

    static boolean nests(int id) {
        return id % 7 == 0;
    }

    /**
     * The next context: every context receives nested work, each from one other context only, so
     * that threads holding one context's connection while waiting for another's cannot close a
     * cycle of full pools of 3 (that would take 15 threads at once).
     */
    static String otherOf(int id) {
        return CONTEXTS.get((id + 1) % 5);
    }

    /** A third of the nested transactions roll back by themselves, inside an outer one that goes on. */
    static boolean nestedRollsBack(int id) {
        return id / 7 % 3 == 0;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Pooling.class, names = {"PER_CONTEXT", "SINGLE_POOL"})
    void tenThousandTransactionsOnPlatformThreadsLeaveNoBorrowedConnectionNoContextAndExactlyTheCommittedRows(
            Pooling pooling) throws Exception {
        run(pooling, CONCURRENCY + " platform threads", Executors.newFixedThreadPool(CONCURRENCY));
    }

    /**
     * Needs Java 21+. The build runs it in a second Surefire execution on a newer JDK (see the
     * module's pom), which sets {@code contextdb.virtual-threads=required}: there, a JVM without
     * virtual threads fails the test instead of skipping it.
     */
    @Tag("virtual-threads")
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Pooling.class, names = {"PER_CONTEXT", "SINGLE_POOL"})
    void tenThousandTransactionsOnVirtualThreadsLeaveNoBorrowedConnectionNoContextAndExactlyTheCommittedRows(
            Pooling pooling) throws Exception {
        ExecutorService virtual = virtualThreads();
        String message = "virtual threads need Java 21+, this JVM is " + Runtime.version() + " ("
                + System.getProperty("java.home") + ")";
        if (virtual == null && "required".equals(System.getProperty("contextdb.virtual-threads"))) {
            throw new AssertionError(message + ", but this run was started to cover them");
        }
        Assumptions.assumeTrue(virtual != null, message + "; the module's virtual-threads Surefire execution"
                + " runs this test on a newer JDK");
        run(pooling, "virtual threads (" + CONCURRENCY + " at a time) on Java " + Runtime.version(), virtual);
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

    private static void run(Pooling pooling, String threads, ExecutorService workers) throws Exception {
        // Bounded on virtual threads too: unbounded, thousands of threads each holding one
        // context's connection while waiting for another's would starve the pools (see docs/guides/transactions.md).
        Semaphore admitted = new Semaphore(CONCURRENCY);
        boolean shared = pooling == Pooling.SINGLE_POOL;
        String poolSize = shared ? Integer.toString(CONCURRENCY + 1) : "3";
        try (Scenario scenario = new Scenario(Kind.POSTGRESQL, IsolationStrategy.SCHEMA, pooling);
                ContextDb db = scenario.builder(FIVE).pool("maximumPoolSize", poolSize).pool("minimumIdle", poolSize)
                        .guard(Guard.ALLOW).build()) {
            assertThat(db.pools()).as("pools under " + pooling).hasSize(shared ? 1 : 5);
            Map<String, TransactionTemplate> transactions = new LinkedHashMap<>();
            for (String context : CONTEXTS) {
                transactions.put(context, new TransactionTemplate(db.transactionManager(context)));
            }
            JdbcTemplate routed = new JdbcTemplate(db.routingDataSource());
            Outcome outcome = new Outcome();
            long started = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < TRANSACTIONS; i++) {
                int id = i;
                done.add(workers.submit(() -> {
                    admitted.acquireUninterruptibly();
                    try {
                        work(id, transactions, routed, outcome);
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
            verify(scenario, db, outcome);
            System.out.printf("ConcurrencyTest: %d transactions on PostgreSQL, pooling %s (%s), %s: %d rolled back"
                    + " (%s per context), %d with a transaction nested in the next context (%d of those rolled back"
                    + " by themselves), in %d ms (%.0f tx/s); 0 active connections, 0 leftover contexts, exactly"
                    + " the committed rows in each context's schema%n",
                    TRANSACTIONS, pooling, shared ? "one pool of " + poolSize : "5 pools of 3", threads,
                    outcome.rolledBack.get(), outcome.rolledBackPerContext, outcome.nested.get(),
                    outcome.nestedRolledBack.get(), millis, TRANSACTIONS * 1000.0 / millis);
        }
    }

    /** What the workers observed. */
    static final class Outcome {
        final AtomicInteger rolledBack = new AtomicInteger();
        final Map<String, AtomicInteger> rolledBackPerContext = new ConcurrentHashMap<>();
        final AtomicInteger nested = new AtomicInteger();
        final AtomicInteger nestedRolledBack = new AtomicInteger();
        final AtomicInteger leftContexts = new AtomicInteger();
    }

    private static void work(int id, Map<String, TransactionTemplate> transactions, JdbcTemplate routed,
            Outcome outcome) {
        String context = contextOf(id);
        try {
            transactions.get(context).executeWithoutResult(tx -> {
                routed.update(INSERTS.get(context), id);
                if (nests(id)) {
                    nest(id, context, transactions.get(otherOf(id)), routed, outcome);
                }
                if (rollsBack(id)) {
                    throw new IllegalStateException("rollback " + id);
                }
            });
        } catch (IllegalStateException expected) {
            outcome.rolledBack.incrementAndGet();
            outcome.rolledBackPerContext.computeIfAbsent(context, name -> new AtomicInteger()).incrementAndGet();
        }
        if (ContextScope.current().isPresent()) {
            outcome.leftContexts.incrementAndGet();
        }
    }

    /**
     * Inside a transaction of {@code context}: a write in the next context, in a transaction of that
     * context's own (context-db never makes one transaction span two contexts), which commits or
     * rolls back by itself, whatever the outer transaction does afterwards.
     */
    private static void nest(int id, String context, TransactionTemplate inOther, JdbcTemplate routed,
            Outcome outcome) {
        String other = otherOf(id);
        outcome.nested.incrementAndGet();
        try {
            inOther.executeWithoutResult(inner -> {
                if (!inner.isNewTransaction() || !other.equals(ContextScope.current().orElse(null))) {
                    throw new AssertionError("the nested work of " + id + " in " + other + " does not run in a new"
                            + " transaction of " + other + " (current context: " + ContextScope.current() + ")");
                }
                routed.update(INSERTS.get(other), NESTED + id);
                if (nestedRollsBack(id)) {
                    throw new IllegalArgumentException("nested rollback " + id);
                }
            });
        } catch (IllegalArgumentException expected) {
            outcome.nestedRolledBack.incrementAndGet();
        }
        if (!context.equals(ContextScope.current().orElse(null))) {
            throw new AssertionError("after the nested transaction of " + id + " the current context is "
                    + ContextScope.current() + ", not " + context);
        }
        // Committed means visible at once on another connection, while the outer transaction is still open.
        long seen = ContextScope.call(other, () -> routed.queryForObject("select count(*) from " + TABLES.get(other)
                + " where " + KEYS.get(other) + " = ?", Long.class, NESTED + id));
        if (seen != (nestedRollsBack(id) ? 0 : 1)) {
            throw new AssertionError("the nested row " + (NESTED + id) + " of " + other + " is seen " + seen
                    + " times right after its transaction " + (nestedRollsBack(id) ? "rolled back" : "committed"));
        }
    }

    private static void verify(Scenario scenario, ContextDb db, Outcome outcome) {
        assertThat(outcome.leftContexts.get()).as("threads left with a current context").isZero();
        for (HikariDataSource pool : db.pools().values()) {
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as(pool.getPoolName()).isZero();
        }
        assertThat(outcome.rolledBack.get()).isEqualTo(TRANSACTIONS / 5);
        for (String context : CONTEXTS) {
            assertThat(outcome.rolledBackPerContext.get(context)).as("rollbacks in " + context)
                    .hasValue(TRANSACTIONS / 25);
        }
        for (String context : CONTEXTS) {
            SortedSet<Long> expected = new TreeSet<>();
            for (int id = 0; id < TRANSACTIONS; id++) {
                if (contextOf(id).equals(context) && !rollsBack(id)) {
                    expected.add((long) id);
                }
                // There whether or not the outer transaction in the previous context rolled back.
                if (nests(id) && otherOf(id).equals(context) && !nestedRollsBack(id)) {
                    expected.add((long) NESTED + id);
                }
            }
            String table = scenario.qualified(context, TABLES.get(context));
            SortedSet<Long> actual = new TreeSet<>();
            scenario.database().queryStrings("select " + KEYS.get(context) + " from " + table)
                    .forEach(key -> actual.add(Long.parseLong(key)));
            SortedSet<Long> unexpected = new TreeSet<>(actual);
            unexpected.removeAll(expected);
            SortedSet<Long> missing = new TreeSet<>(expected);
            missing.removeAll(actual);
            assertThat(unexpected).as("rows in %s that %s rolled back or never wrote there", table, context).isEmpty();
            assertThat(missing).as("rows that %s committed, missing from %s", context, table).isEmpty();
            assertThat(actual).as(table).hasSize(expected.size());
        }
    }
}
