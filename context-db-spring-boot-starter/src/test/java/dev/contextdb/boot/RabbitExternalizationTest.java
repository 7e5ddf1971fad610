package dev.contextdb.boot;

import static dev.contextdb.boot.EventsAutoConfigurationTests.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextEvents;
import dev.contextdb.ContextModel;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.boot.rabbit.LedgerApplication;
import dev.contextdb.boot.rabbit.TillApplication;
import dev.contextdb.boot.rabbit.ledger.Ledger;
import dev.contextdb.boot.rabbit.till.Sold;
import dev.contextdb.boot.rabbit.till.Till;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TcpProxy;
import dev.contextdb.test.TestDatabase.Kind;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * {@code @Externalized} events through the RabbitMQ server of the machine (127.0.0.1:5672,
 * guest/guest): the till application publishes {@link Sold} in a till transaction; the ledger
 * application, another application context standing for another process with a database
 * placement of its own, reads the queue into its {@code @ApplicationModuleListener}. Each test
 * declares an exchange and a queue of its own (durable, so that they would survive a broker
 * restart) and deletes them.
 *
 * <p>The broker outage is a {@link TcpProxy} between the applications and RabbitMQ that the test
 * cuts and restores, rather than a restart of the machine's shared server: cutting drops every
 * connection as a restart does, including sends whose confirm is still outstanding.
 */
class RabbitExternalizationTest {

    static final ContextModel MODEL = ContextModel.of(ContextDefinition.of("till", "dev.contextdb.boot.rabbit.till"),
            ContextDefinition.of("ledger", "dev.contextdb.boot.rabbit.ledger"));

    private static final AutoConfigurations EVENTS = AutoConfigurations.of(RabbitAutoConfiguration.class,
            ContextDbEventsAutoConfiguration.class, ContextDbRabbitAutoConfiguration.class);

    private CachingConnectionFactory adminConnections;
    private RabbitAdmin admin;
    private String exchange;
    private String queue;
    private String deadLetters;

    @BeforeEach
    void declare() {
        requireBroker();
        adminConnections = new CachingConnectionFactory("127.0.0.1", 5672);
        admin = new RabbitAdmin(adminConnections);
        exchange = "contextdb.test." + UUID.randomUUID();
        queue = exchange + ".ledger";
        deadLetters = exchange + ".dead";
        TopicExchange topic = new TopicExchange(exchange, true, false);
        FanoutExchange dlx = new FanoutExchange(deadLetters, true, false);
        Queue deadQueue = new Queue(deadLetters, true, false, false);
        admin.declareExchange(dlx);
        admin.declareQueue(deadQueue);
        admin.declareBinding(BindingBuilder.bind(deadQueue).to(dlx));
        Queue ledgerQueue = new Queue(queue, true, false, false, Map.of("x-dead-letter-exchange", deadLetters));
        admin.declareExchange(topic);
        admin.declareQueue(ledgerQueue);
        admin.declareBinding(BindingBuilder.bind(ledgerQueue).to(topic).with("till.sold.*"));
    }

    /**
     * As the database tests do: a broker that refuses connections skips these tests with a message,
     * and fails them under {@code CI=true}.
     */
    private static void requireBroker() {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", 5672), 2000);
        } catch (java.io.IOException e) {
            String message = "RabbitMQ is not reachable at 127.0.0.1:5672 (" + e.getMessage()
                    + "); start it with `rabbitmq-server -detached`";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(message, e);
            }
            org.junit.jupiter.api.Assumptions.abort(message);
        }
    }

    @AfterEach
    void delete() {
        if (admin == null) {
            return;
        }
        admin.deleteQueue(queue);
        admin.deleteExchange(exchange);
        admin.deleteQueue(deadLetters);
        admin.deleteExchange(deadLetters);
        adminConnections.destroy();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"POSTGRESQL, SCHEMA", "MARIADB, DATABASE", "H2, SHARED"})
    void anExternalizedEventReachesTheListenerOfAnotherApplicationOnceEvenWhenTheMessageComesTwice(Kind kind,
            IsolationStrategy strategy) {
        try (Scenario scenario = Shop.scenario(kind, strategy)) {
            List<String> placements = Shop.placements(scenario, MODEL, 2);
            till(placements, 5672).run(tillApp -> ledger(placements, 5672).run(ledgerApp -> {
                assertThat(tillApp).hasNotFailed();
                assertThat(ledgerApp).hasNotFailed();
                Till till = tillApp.getBean(Till.class);
                Ledger ledger = ledgerApp.getBean(Ledger.class);
                ContextEvents tillEvents = tillApp.getBean(ContextEvents.class);
                ContextEvents ledgerEvents = ledgerApp.getBean(ContextEvents.class);

                for (long id = 1; id <= 3; id++) {
                    till.sell(id, "item-" + id, exchange);
                }
                await(() -> ledger.count() == 3);
                assertThat(ledger.sales()).containsExactly(1L, 2L, 3L);
                // Sent means confirmed: the till's deliveries are the sends, and they are done.
                await(() -> tillEvents.count("till", "DONE") == 3);
                assertThat(scenario.query("till", "select distinct listener_id from "
                        + scenario.qualified("till", tillEvents.tables("till").get(1))))
                        .containsExactly("@Externalized");
                // The message id is the event id: the ledger holds the till's events under their ids.
                List<String> published = scenario.query("till", "select id from "
                        + scenario.qualified("till", tillEvents.tables("till").get(0)) + " order by id");
                assertThat(scenario.query("ledger", "select id from "
                        + scenario.qualified("ledger", ledgerEvents.tables("ledger").get(0)) + " order by id"))
                        .isEqualTo(published);
                assertThat(scenario.query("ledger", "select count(*) from "
                        + scenario.qualified("ledger", ledgerEvents.tables("ledger").get(2)))).containsExactly("3");

                // RabbitMQ delivers the first sale again (a redelivery, a second send after a lost confirm).
                String first = scenario.query("till", "select id from "
                        + scenario.qualified("till", tillEvents.tables("till").get(0)) + " where payload like '%\"id\":1,%'")
                        .get(0);
                String json = scenario.query("till", "select payload from "
                        + scenario.qualified("till", tillEvents.tables("till").get(0)) + " where id = '" + first + "'")
                        .get(0);
                MessageProperties properties = new MessageProperties();
                properties.setMessageId(first);
                properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
                properties.setHeader(RabbitExternalizer.TYPE_HEADER, Sold.class.getName());
                new RabbitTemplate(adminConnections).send(exchange, "till.sold.1",
                        new Message(json.getBytes(StandardCharsets.UTF_8), properties));
                // One consumer reads the queue in order: once sale 4 is booked, the duplicate was handled.
                till.sell(4, "item-4", exchange);
                await(() -> ledger.count() == 4);
                assertThat(ledger.sales()).containsExactly(1L, 2L, 3L, 4L);
                assertThat(ledgerEvents.receive("ledger", UUID.fromString(first), Sold.class.getName(), json)).isFalse();
                assertThat(ledgerEvents.count("ledger", "DEAD")).isZero();
            }));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource("POSTGRESQL, SCHEMA")
    void withTheBrokerUnreachableTheSendIsRetriedAndNotDoneUntilConfirmed(Kind kind, IsolationStrategy strategy)
            throws Exception {
        try (Scenario scenario = Shop.scenario(kind, strategy); TcpProxy broker = new TcpProxy("127.0.0.1", 5672)) {
            List<String> placements = Shop.placements(scenario, MODEL, 2);
            till(placements, broker.port()).run(tillApp -> ledger(placements, 5672).run(ledgerApp -> {
                assertThat(tillApp).hasNotFailed();
                Till till = tillApp.getBean(Till.class);
                Ledger ledger = ledgerApp.getBean(Ledger.class);
                ContextEvents tillEvents = tillApp.getBean(ContextEvents.class);
                String deliveries = scenario.qualified("till", tillEvents.tables("till").get(1));
                broker.cut();

                till.sell(1, "tea", exchange);
                await(() -> Integer.parseInt(scenario.query("till", "select attempts from " + deliveries).get(0)) >= 2);
                assertThat(scenario.query("till", "select status from " + deliveries)).containsExactly("PENDING");
                assertThat(scenario.query("till", "select last_error from " + deliveries).get(0)).isNotBlank();
                assertThat(tillEvents.count("till", "DONE")).isZero();
                assertThat(ledger.count()).isZero();

                broker.restore();
                await(() -> tillEvents.count("till", "DONE") == 1);
                await(() -> ledger.count() == 1);
                assertThat(ledger.sales()).containsExactly(1L);
            }));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource("POSTGRESQL, SCHEMA")
    void withTheReceiversDatabaseUnreachableAMessageIsRetriedAfterGrowingPausesAndAppliedOnceItIsBack(Kind kind,
            IsolationStrategy strategy) throws Exception {
        ListAppender<ILoggingEvent> attempts = new ListAppender<>();
        Logger inbound = (Logger) LoggerFactory.getLogger(RabbitInbound.class);
        attempts.start();
        inbound.addAppender(attempts);
        try (Scenario scenario = Shop.scenario(kind, strategy);
                TcpProxy database = new TcpProxy("127.0.0.1", URI.create(scenario.database().url().substring(5)).getPort())) {
            List<String> placements = Shop.placements(scenario, MODEL, 2);
            List<String> ledgerPlacements = placements.stream().map(property -> property.startsWith(
                    "context-db.datasource.url=") ? property.replaceFirst(":\\d+/", ":" + database.port() + "/")
                    : property).toList();
            assertThat(ledgerPlacements).isNotEqualTo(placements);
            till(placements, 5672).run(tillApp -> ledger(ledgerPlacements, 5672)
                    .withPropertyValues("context-db.pool.connection-timeout=250",
                            "context-db.events.rabbitmq.inbound.ledger.retry.initial-interval=200ms",
                            "context-db.events.rabbitmq.inbound.ledger.retry.multiplier=2",
                            "context-db.events.rabbitmq.inbound.ledger.retry.max-interval=800ms",
                            "context-db.events.rabbitmq.inbound.ledger.retry.max-retries=3")
                    .run(ledgerApp -> {
                        assertThat(ledgerApp).hasNotFailed();
                        Till till = tillApp.getBean(Till.class);
                        Ledger ledger = ledgerApp.getBean(Ledger.class);
                        database.cut();

                        till.sell(1, "tea", exchange);
                        // Three retries after 200, 400 and 800 ms, a requeue, and again: at least 6 attempts.
                        await(() -> failures(attempts).size() >= 6);
                        List<Long> at = failures(attempts);
                        // The pauses, each attempt's wait for a connection (250 ms) aside: 200, 400, 800, then
                        // requeued and redelivered at once, then 200 and 400 again.
                        long[] pauses = {200, 400, 800, 0, 200};
                        for (int i = 0; i < pauses.length; i++) {
                            assertThat(at.get(i + 1) - at.get(i)).as("pause after attempt %d", i + 1)
                                    .isGreaterThanOrEqualTo(pauses[i]);
                        }
                        database.restore();
                        // The ledger's pool may still be refusing for a moment after the restore.
                        await(() -> {
                            try {
                                return ledger.count() == 1;
                            } catch (CannotGetJdbcConnectionException stillReconnecting) {
                                return false;
                            }
                        });
                        assertThat(ledger.sales()).containsExactly(1L);
                        ContextEvents ledgerEvents = ledgerApp.getBean(ContextEvents.class);
                        await(() -> ledgerEvents.count("ledger", "DONE") == 1);
                        assertThat(scenario.query("ledger", "select count(*) from "
                                + scenario.qualified("ledger", ledgerEvents.tables("ledger").get(0)))).containsExactly("1");
                        assertThat(ledger.sales()).containsExactly(1L);
                    }));
        } finally {
            inbound.detachAppender(attempts);
        }
    }

    /** @return when each failed attempt to store a message was logged, epoch milliseconds */
    private static List<Long> failures(ListAppender<ILoggingEvent> appender) {
        return appender.list.stream().filter(event -> event.getFormattedMessage().startsWith("Context 'ledger' could not"
                + " store the event of message ") && event.getFormattedMessage().contains("it is tried again"))
                .map(ILoggingEvent::getTimeStamp).toList();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource("POSTGRESQL, SCHEMA")
    void aBrokerOutageInTheMiddleOfARunLosesNothingAndAppliesNothingTwice(Kind kind, IsolationStrategy strategy)
            throws Exception {
        int events = 200;
        try (Scenario scenario = Shop.scenario(kind, strategy); TcpProxy broker = new TcpProxy("127.0.0.1", 5672)) {
            List<String> placements = Shop.placements(scenario, MODEL, 2);
            // Both sides go through the proxy: the cut drops the till's sends and the ledger's consumer.
            till(placements, broker.port()).run(tillApp -> ledger(placements, broker.port()).run(ledgerApp -> {
                assertThat(tillApp).hasNotFailed();
                assertThat(ledgerApp).hasNotFailed();
                Till till = tillApp.getBean(Till.class);
                Ledger ledger = ledgerApp.getBean(Ledger.class);
                ContextEvents tillEvents = tillApp.getBean(ContextEvents.class);
                String deliveries = scenario.qualified("till", tillEvents.tables("till").get(1));
                CompletableFuture<Void> selling = CompletableFuture.runAsync(
                        () -> LongStream.rangeClosed(1, events).forEach(id -> till.sell(id, "item", exchange)));

                await(() -> ledger.count() >= 20);
                broker.cut();
                // The outage is seen: a send failed and is waiting for its retry.
                await(() -> !scenario.query("till", "select count(*) from " + deliveries
                        + " where last_error is not null").get(0).equals("0"));
                broker.restore();
                selling.join();

                await(() -> tillEvents.count("till", "DONE") == events);
                await(() -> ledger.count() >= events);
                List<Long> expected = new ArrayList<>();
                LongStream.rangeClosed(1, events).forEach(expected::add);
                assertThat(ledger.sales()).isEqualTo(expected);
                assertThat(tillEvents.count("till", "DEAD")).isZero();
                assertThat(ledgerApp.getBean(ContextEvents.class).count("ledger", "DEAD")).isZero();
            }));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource("POSTGRESQL, SCHEMA")
    void aSendLeftPendingByOneRunIsConfirmedByTheNext(Kind kind, IsolationStrategy strategy) throws Exception {
        try (Scenario scenario = Shop.scenario(kind, strategy); TcpProxy broker = new TcpProxy("127.0.0.1", 5672)) {
            List<String> placements = Shop.placements(scenario, MODEL, 2);
            broker.cut();
            till(placements, broker.port()).run(tillApp -> {
                assertThat(tillApp).hasNotFailed();
                ContextEvents tillEvents = tillApp.getBean(ContextEvents.class);
                tillApp.getBean(Till.class).sell(1, "tea", exchange);
                await(() -> scenario.query("till", "select count(*) from "
                        + scenario.qualified("till", tillEvents.tables("till").get(1)) + " where last_error is not null")
                        .equals(List.of("1")));
                assertThat(tillEvents.count("till", "PENDING")).isOne();
            });
            // The next run has no @ApplicationModuleListener either, yet it finds the pending send.
            till(placements, 5672).run(tillApp -> ledger(placements, 5672).run(ledgerApp -> {
                await(() -> tillApp.getBean(ContextEvents.class).count("till", "DONE") == 1);
                await(() -> ledgerApp.getBean(Ledger.class).count() == 1);
            }));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource("H2, SCHEMA")
    void aMessageTheContextCannotTakeIsDeadLetteredAndTheNextOneIsReceived(Kind kind, IsolationStrategy strategy) {
        try (Scenario scenario = Shop.scenario(kind, strategy)) {
            List<String> placements = Shop.placements(scenario, MODEL, 2);
            till(placements, 5672).run(tillApp -> ledger(placements, 5672).run(ledgerApp -> {
                String id = UUID.randomUUID().toString();
                MessageProperties properties = new MessageProperties();
                properties.setMessageId(id);
                properties.setHeader(RabbitExternalizer.TYPE_HEADER, "com.acme.Missing");
                RabbitTemplate template = new RabbitTemplate(adminConnections);
                template.send(exchange, "till.sold.9", new Message("{}".getBytes(StandardCharsets.UTF_8), properties));

                Message dead = template.receive(deadLetters, 20_000);
                assertThat(dead).isNotNull();
                assertThat(dead.getMessageProperties().getMessageId()).isEqualTo(id);
                tillApp.getBean(Till.class).sell(1, "tea", exchange);
                await(() -> ledgerApp.getBean(Ledger.class).count() == 1);
                ContextEvents ledgerEvents = ledgerApp.getBean(ContextEvents.class);
                assertThat(scenario.query("ledger", "select count(*) from "
                        + scenario.qualified("ledger", ledgerEvents.tables("ledger").get(0)))).containsExactly("1");
            }));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource("H2")
    void anInboundQueueOfAnUndeclaredContextFailsTheStart(Kind kind) {
        try (Scenario scenario = Shop.scenario(kind, IsolationStrategy.SCHEMA)) {
            ledger(Shop.placements(scenario, MODEL, 2), 5672)
                    .withPropertyValues("context-db.events.rabbitmq.inbound.billing.queues=" + queue)
                    .run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining(
                            "context-db.events.rabbitmq.inbound.billing.queues names no bounded context; declared:"
                                    + " [ledger]."));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource("H2, SCHEMA")
    void aSendRabbitMqRefusesIsNotDoneButDeadAndResubmittable(Kind kind, IsolationStrategy strategy) {
        String missing = exchange + ".missing";
        try (Scenario scenario = Shop.scenario(kind, strategy)) {
            List<String> placements = Shop.placements(scenario, MODEL, 2);
            till(placements, 5672).withPropertyValues("context-db.events.max-attempts=2").run(tillApp -> {
                ContextEvents tillEvents = tillApp.getBean(ContextEvents.class);
                tillApp.getBean(Till.class).sell(1, "tea", missing);
                await(() -> tillEvents.count("till", "DEAD") == 1);
                assertThat(tillEvents.count("till", "DONE")).isZero();
                assertThat(tillEvents.dead()).singleElement().satisfies(dead -> {
                    assertThat(dead.listenerId()).isEqualTo("@Externalized");
                    assertThat(dead.lastError()).contains("RabbitMQ did not take event " + dead.eventId())
                            .contains("for exchange '" + missing + "'");
                    // The reason is the broker's 404 or, when the channel's closing wins the race,
                    // Spring AMQP's "Channel closed by application": either way a nack, never done.
                });

                admin.declareExchange(new TopicExchange(missing, false, true));
                try {
                    assertThat(tillEvents.resubmit(tillEvents.dead())).isOne();
                    await(() -> tillEvents.count("till", "DONE") == 1);
                } finally {
                    admin.deleteExchange(missing);
                }
            });
        }
    }

    /**
     * The same run across a real restart of the machine's RabbitMQ ({@code rabbitmqctl stop_app},
     * {@code start_app}): opt-in with {@code -Dcontextdb.rabbit.restart=true}, because it takes the
     * shared broker away from everything else on the machine for a few seconds.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource("POSTGRESQL, SCHEMA")
    @EnabledIfSystemProperty(named = "contextdb.rabbit.restart", matches = "true")
    void aBrokerRestartInTheMiddleOfARunLosesNothingAndAppliesNothingTwice(Kind kind, IsolationStrategy strategy) {
        int events = 200;
        try (Scenario scenario = Shop.scenario(kind, strategy)) {
            List<String> placements = Shop.placements(scenario, MODEL, 2);
            till(placements, 5672).run(tillApp -> ledger(placements, 5672).run(ledgerApp -> {
                Till till = tillApp.getBean(Till.class);
                Ledger ledger = ledgerApp.getBean(Ledger.class);
                ContextEvents tillEvents = tillApp.getBean(ContextEvents.class);
                String deliveries = scenario.qualified("till", tillEvents.tables("till").get(1));
                CompletableFuture<Void> selling = CompletableFuture.runAsync(
                        () -> LongStream.rangeClosed(1, events).forEach(id -> till.sell(id, "item", exchange)));

                await(() -> ledger.count() >= 20);
                rabbitmqctl("stop_app");
                try {
                    await(() -> !scenario.query("till", "select count(*) from " + deliveries
                            + " where last_error is not null").get(0).equals("0"));
                } finally {
                    rabbitmqctl("start_app");
                    rabbitmqctl("await_startup");
                }
                selling.join();

                await(() -> tillEvents.count("till", "DONE") == events);
                await(() -> ledger.count() >= events);
                List<Long> expected = new ArrayList<>();
                LongStream.rangeClosed(1, events).forEach(expected::add);
                assertThat(ledger.sales()).isEqualTo(expected);
                assertThat(tillEvents.count("till", "DEAD")).isZero();
            }));
        }
    }

    private static void rabbitmqctl(String command) {
        try {
            Process process = new ProcessBuilder("rabbitmqctl", command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("rabbitmqctl " + command + " failed: " + output);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ApplicationContextRunner till(List<String> placements, int port) {
        return application(TillApplication.class, "till", placements, port);
    }

    private ApplicationContextRunner ledger(List<String> placements, int port) {
        return application(LedgerApplication.class, "ledger", placements, port)
                .withPropertyValues("context-db.events.rabbitmq.inbound.ledger.queues=" + queue);
    }

    private static ApplicationContextRunner application(Class<?> application, String context, List<String> placements,
            int port) {
        String other = context.equals("till") ? "ledger" : "till";
        return new ApplicationContextRunner()
                .withConfiguration(Shop.AUTO_CONFIGURATIONS)
                .withConfiguration(EVENTS)
                .withUserConfiguration(application)
                .withPropertyValues(placements.stream().filter(p -> !p.startsWith("context-db.contexts." + other + "."))
                        .toArray(String[]::new))
                // Migrations of their own: the events observability tests have contexts of the same names.
                .withPropertyValues("context-db.contexts." + context + ".flyway.locations=classpath:db/rabbit/" + context)
                .withPropertyValues("context-db.base-packages=dev.contextdb.boot.rabbit." + context,
                        "spring.rabbitmq.host=127.0.0.1", "spring.rabbitmq.port=" + port,
                        "context-db.events.poll-interval=200ms", "context-db.events.max-attempts=1000",
                        "context-db.events.backoff.initial=50ms", "context-db.events.backoff.max=500ms",
                        "context-db.events.rabbitmq.confirm-timeout=2s");
    }

}
