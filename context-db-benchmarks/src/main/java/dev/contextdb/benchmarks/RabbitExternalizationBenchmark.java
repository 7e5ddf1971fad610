package dev.contextdb.benchmarks;

import dev.contextdb.benchmarks.boot.delivery.contextdb.orders.OrderService;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code @Externalized} events to RabbitMQ with publisher confirms, against Spring AMQP's
 * {@link RabbitTemplate} sending the same messages, in the same run, to the same durable queue.
 * <ul>
 * <li><b>context-db</b>: the events benchmark's context-db application (contexts on
 * {@code SCHEMA}, PostgreSQL) with Boot's RabbitMQ connection factory; {@code publishers} threads
 * each run orders' {@code @Transactional} service (a row and an
 * {@code @Externalized("#{exchange()}::order.exported")} event, one transaction per event) until
 * {@code count} events are published; timed until every event's delivery row says done, which
 * context-db writes only after RabbitMQ's confirm;
 * <li><b>raw, pipelined</b>: one thread sends the {@code count} messages with correlation data, then
 * waits for every confirm: the most a single {@code RabbitTemplate} does;
 * <li><b>raw, confirm each</b>: as many threads as context-db's delivery workers
 * ({@code context-db.events.threads}, 4), each sending a message and waiting for its confirm before
 * the next, as context-db's workers do.
 * </ul>
 * Messages are alike: a persistent JSON body of the same event, a message id, the same headers.
 * The exchange and queue are named for the run and deleted at the end; the queue is purged after
 * every round. Rounds alternate, after a warm-up round of each.
 *
 * <pre>{@code
 * java -cp context-db-benchmarks/target/benchmarks.jar dev.contextdb.benchmarks.RabbitExternalizationBenchmark
 * }</pre>
 *
 * System properties: {@code rabbit.count} (5000), {@code rabbit.publishers} (4), {@code rabbit.rounds} (3).
 */
public final class RabbitExternalizationBenchmark {

    static final String HOST = env("CONTEXTDB_RABBIT_HOST", "127.0.0.1");
    static final int PORT = Integer.parseInt(env("CONTEXTDB_RABBIT_PORT", "5672"));
    static final String USER = env("CONTEXTDB_RABBIT_USER", "guest");
    static final String PASSWORD = env("CONTEXTDB_RABBIT_PASSWORD", "guest");

    static final String ROUTING_KEY = "order.exported";

    /** As context-db's default delivery workers, whose sends the confirm-each baseline mirrors. */
    static final int CONFIRM_EACH_THREADS = 4;

    private static final long TIMEOUT_MILLIS = 120_000;

    private RabbitExternalizationBenchmark() {
    }

    /**
     * Events per second of each way, every round.
     * @param contextDb context-db: published until confirmed and marked sent
     * @param pipelined raw RabbitTemplate, one thread, every confirm awaited at the end
     * @param confirmEach raw RabbitTemplate, {@value #CONFIRM_EACH_THREADS} threads, each send's confirm awaited
     * @param leftInQueue messages in the queue at the end of each context-db round (expected: count)
     */
    record Result(List<Double> contextDb, List<Double> pipelined, List<Double> confirmEach, List<Integer> leftInQueue) {

        static double mean(List<Double> values) {
            return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("rabbit.count", 5000);
        int publishers = Integer.getInteger("rabbit.publishers", 4);
        int rounds = Integer.getInteger("rabbit.rounds", 3);
        Result result = measure(count, publishers, rounds);
        System.out.printf(Locale.ROOT, "%n@Externalized to RabbitMQ with publisher confirms: %d rounds of %d events%n",
                rounds, count);
        System.out.println("| way | events/s (mean; rounds) |");
        System.out.println("|---|---|");
        System.out.printf(Locale.ROOT, "| context-db, %d publishers, until confirmed and marked sent | %.0f; %s |%n",
                publishers, Result.mean(result.contextDb()), rounded(result.contextDb()));
        System.out.printf(Locale.ROOT, "| RabbitTemplate, pipelined confirms | %.0f; %s |%n",
                Result.mean(result.pipelined()), rounded(result.pipelined()));
        System.out.printf(Locale.ROOT, "| RabbitTemplate, %d threads, each confirm awaited | %.0f; %s |%n",
                CONFIRM_EACH_THREADS, Result.mean(result.confirmEach()), rounded(result.confirmEach()));
        System.out.printf(Locale.ROOT, "context-db / pipelined %.2f×, context-db / confirm each %.2f×%n",
                Result.mean(result.contextDb()) / Result.mean(result.pipelined()),
                Result.mean(result.contextDb()) / Result.mean(result.confirmEach()));
    }

    /**
     * @param count events per round
     * @param publishers context-db's publishing threads
     * @param rounds measured rounds of each way
     * @return the figures
     * @throws Exception when a round fails: a nack, a confirm or a delivery not in time
     */
    static Result measure(int count, int publishers, int rounds) throws Exception {
        String prefix = Postgres.uniquePrefix();
        String ordersSchema = prefix + "orders";
        String shippingSchema = prefix + "shipping";
        String exchange = prefix + "orders";
        String queue = prefix + "exported";
        CachingConnectionFactory connections = new CachingConnectionFactory(HOST, PORT);
        connections.setUsername(USER);
        connections.setPassword(PASSWORD);
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        RabbitAdmin admin = new RabbitAdmin(connections);
        ConfigurableApplicationContext app = null;
        try (Connection monitor = DriverManager.getConnection(Postgres.URL, Postgres.USER, Postgres.PASSWORD)) {
            DirectExchange direct = new DirectExchange(exchange, true, false);
            Queue durable = new Queue(queue, true, false, false);
            admin.declareExchange(direct);
            admin.declareQueue(durable);
            admin.declareBinding(BindingBuilder.bind(durable).to(direct).with(ROUTING_KEY));
            app = EventDeliveryBenchmark.startContextDb(ordersSchema, shippingSchema, 0, true);
            EventDeliveryBenchmark.progress("context-db application started");
            OrderService orders = app.getBean(OrderService.class);
            RabbitTemplate template = new RabbitTemplate(connections);
            String delivered = "select count(*) from " + ordersSchema + ".cdb_delivery where status = 'DONE'";
            AtomicLong ids = new AtomicLong(1);
            Result result = new Result(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int round = -1; round < rounds; round++) {
                double contextDb = contextDbRound(orders, exchange, ids, count, publishers, monitor, delivered);
                int left = (int) admin.getQueueInfo(queue).getMessageCount();
                admin.purgeQueue(queue, false);
                double pipelined = pipelinedRound(template, exchange, ids, count);
                admin.purgeQueue(queue, false);
                double confirmEach = confirmEachRound(template, exchange, ids, count);
                admin.purgeQueue(queue, false);
                EventDeliveryBenchmark.progress(String.format(Locale.ROOT, "round %d: context-db %.0f/s (%d in the queue),"
                        + " pipelined %.0f/s, confirm each %.0f/s", round, contextDb, left, pipelined, confirmEach));
                if (round >= 0) {
                    result.contextDb().add(contextDb);
                    result.pipelined().add(pipelined);
                    result.confirmEach().add(confirmEach);
                    result.leftInQueue().add(left);
                }
            }
            return result;
        } finally {
            try {
                if (app != null) {
                    app.close();
                }
                EventDeliveryBenchmark.progress("context-db application stopped");
                admin.deleteQueue(queue);
                admin.deleteExchange(exchange);
                connections.destroy();
            } finally {
                Postgres.execute("drop schema if exists " + ordersSchema + " cascade");
                Postgres.execute("drop schema if exists " + shippingSchema + " cascade");
            }
        }
    }

    private static double contextDbRound(OrderService orders, String exchange, AtomicLong ids, int count,
            int publishers, Connection monitor, String delivered) throws Exception {
        long done = EventDeliveryBenchmark.count(monitor, delivered);
        long first = ids.getAndAdd(count);
        long start = System.nanoTime();
        EventDeliveryBenchmark.publishConcurrently("context-db", first, count, publishers,
                id -> orders.export(id, exchange));
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        long now;
        while (EventDeliveryBenchmark.count(monitor, delivered) < done + count) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("context-db: " + (EventDeliveryBenchmark.count(monitor, delivered) - done) + " of " + count
                        + " events confirmed and marked sent within " + TIMEOUT_MILLIS + " ms");
            }
            Thread.sleep(10);
        }
        now = System.nanoTime();
        return count / ((now - start) / 1e9);
    }

    private static double pipelinedRound(RabbitTemplate template, String exchange, AtomicLong ids, int count)
            throws Exception {
        long start = System.nanoTime();
        List<CorrelationData> sent = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
            template.send(exchange, ROUTING_KEY, message(exchange, ids.getAndIncrement(), correlation.getId()), correlation);
            sent.add(correlation);
        }
        for (CorrelationData correlation : sent) {
            acked(correlation);
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static double confirmEachRound(RabbitTemplate template, String exchange, AtomicLong ids, int count)
            throws Exception {
        AtomicLong remaining = new AtomicLong(count);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < CONFIRM_EACH_THREADS; t++) {
            threads.add(start("sender-" + t, () -> {
                try {
                    while (remaining.getAndDecrement() > 0) {
                        CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
                        template.send(exchange, ROUTING_KEY, message(exchange, ids.getAndIncrement(),
                                correlation.getId()), correlation);
                        acked(correlation);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("sending failed", failure.get());
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** The message context-db sends for the same event: JSON body, persistent, id and headers. */
    private static Message message(String exchange, long id, String messageId) {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(messageId);
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding(StandardCharsets.UTF_8.name());
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setHeader("contextdb-event-type", "dev.contextdb.benchmarks.boot.delivery.contextdb.orders.OrderExported");
        properties.setHeader("contextdb-context", "orders");
        String json = "{\"exchange\":\"" + exchange + "\",\"id\":" + id + "}";
        return new Message(json.getBytes(StandardCharsets.UTF_8), properties);
    }

    private static void acked(CorrelationData correlation) throws Exception {
        CorrelationData.Confirm confirm = correlation.getFuture().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        if (!confirm.isAck()) {
            throw new IllegalStateException("RabbitMQ nacked message " + correlation.getId() + ": " + confirm.getReason());
        }
    }

    private static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.start();
        return thread;
    }

    private static String rounded(List<Double> values) {
        return values.stream().map(value -> String.format(Locale.ROOT, "%.0f", value)).toList().toString();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
