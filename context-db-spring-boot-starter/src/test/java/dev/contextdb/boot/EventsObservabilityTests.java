package dev.contextdb.boot;

import static dev.contextdb.boot.EventsAutoConfigurationTests.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextEvents;
import dev.contextdb.ContextModel;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.boot.ContextDbEndpoint.DeadDescriptor;
import dev.contextdb.boot.ContextDbEndpoint.EventsDescriptor;
import dev.contextdb.boot.ContextDbEndpoint.ListenerDescriptor;
import dev.contextdb.boot.observed.ObservedApplication;
import dev.contextdb.boot.observed.ledger.Ledger;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.InvocationContext;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointHttpMethod;
import org.springframework.boot.actuate.endpoint.web.WebEndpointsSupplier;
import org.springframework.boot.actuate.endpoint.web.WebOperation;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events' metrics, the contextdb endpoint's listeners and dead deliveries, its resubmit, and
 * the events' startup report: till publishes {@code Sold}, ledger receives it in two listeners.
 */
@ExtendWith(OutputCaptureExtension.class)
class EventsObservabilityTests {

    static final ContextModel MODEL = ContextModel.of(ContextDefinition.of("till", "dev.contextdb.boot.observed.till"),
            ContextDefinition.of("ledger", "dev.contextdb.boot.observed.ledger"));

    private static final String SOLD = "dev.contextdb.boot.observed.till.Sold";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(Shop.AUTO_CONFIGURATIONS)
            .withConfiguration(AutoConfigurations.of(ContextDbEventsAutoConfiguration.class,
                    ContextDbEventsMetricsAutoConfiguration.class, EndpointAutoConfiguration.class,
                    ContextDbEndpointAutoConfiguration.class, MetricsAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
            .withUserConfiguration(ObservedApplication.class)
            .withPropertyValues("management.endpoints.web.exposure.include=contextdb",
                    "context-db.events.poll-interval=200ms", "context-db.events.max-attempts=1",
                    // Every reading counts the outboxes again: the test sees each change at once.
                    "context-db.events.metrics-refresh=0ms");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"H2, SCHEMA", "POSTGRESQL, DATABASE", "MARIADB, SHARED"})
    void pendingThenDeliveredThenDeadThenResubmittedThroughTheEndpointAndDelivered(Kind kind,
            IsolationStrategy strategy) {
        try (Scenario scenario = Shop.scenario(kind, strategy)) {
            // The held listener keeps one of ledger's connections; counting ledger's outbox needs another
            // (under SHARED both contexts share one pool, each capped at its share).
            runner.withPropertyValues(Shop.placements(scenario, MODEL, 4).toArray(String[]::new)).run(context -> {
                assertThat(context).hasNotFailed();
                Meters meters = new Meters(context.getBean(MeterRegistry.class));
                Ledger ledger = context.getBean(Ledger.class);
                ContextDbEndpoint endpoint = context.getBean(ContextDbEndpoint.class);
                dev.contextdb.boot.observed.till.Till till = context.getBean(dev.contextdb.boot.observed.till.Till.class);
                for (String listener : List.of(Ledger.POST, Ledger.TALLY)) {
                    assertThat(meters.pending(listener)).as(listener).isZero();
                    assertThat(meters.dead(listener)).as(listener).isZero();
                    assertThat(meters.delivered(listener)).as(listener).isZero();
                    assertThat(meters.oldestPendingAge(listener)).as(listener).isZero();
                }

                // Held at the gate, post's delivery is claimed but pending; tally's goes through.
                ledger.hold();
                long before = System.currentTimeMillis();
                till.sell(1);
                ledger.awaitHeld();
                // Counted when the listener has committed, a moment before the done mark: wait for both.
                await(() -> meters.delivered(Ledger.TALLY) == 1 && meters.pending(Ledger.TALLY) == 0);
                assertThat(meters.pending(Ledger.POST)).isEqualTo(1);
                double age = meters.oldestPendingAge(Ledger.POST);
                assertThat(age).isBetween(0.0, (System.currentTimeMillis() - before) / 1000.0 + 0.001);
                assertThat(meters.delivered(Ledger.POST)).isZero();

                ledger.open();
                // Counted when the listener has committed, a moment before the done mark: wait for both.
                await(() -> meters.delivered(Ledger.POST) == 1 && meters.pending(Ledger.POST) == 0);
                assertThat(meters.oldestPendingAge(Ledger.POST)).isZero();

                // One attempt allowed: the first failure makes the delivery dead.
                ledger.failing(true);
                till.sell(2);
                await(() -> meters.dead(Ledger.POST) == 1);
                assertThat(meters.failed(Ledger.POST)).isEqualTo(1);
                assertThat(meters.pending(Ledger.POST)).isZero();
                await(() -> meters.delivered(Ledger.TALLY) == 2 && meters.pending(Ledger.TALLY) == 0);
                assertThat(meters.dead(Ledger.TALLY)).isZero();

                EventsDescriptor events = endpoint.context("ledger").events();
                assertThat(events.listeners()).containsExactly(
                        new ListenerDescriptor(Ledger.POST, SOLD, 0, null, 1, 1, 1),
                        new ListenerDescriptor(Ledger.TALLY, SOLD, 0, null, 0, 2, 0));
                DeadDescriptor dead = events.dead().get(0);
                assertThat(events.dead()).hasSize(1);
                assertThat(dead.listener()).isEqualTo(Ledger.POST);
                assertThat(dead.publisher()).isEqualTo("till");
                assertThat(dead.eventType()).isEqualTo(SOLD);
                assertThat(dead.attempts()).isEqualTo(1);
                assertThat(dead.lastError()).isEqualTo("java.lang.IllegalStateException: ledger is closed for sale 2");
                assertThat(dead.publishedAt().toEpochMilli()).isBetween(before, System.currentTimeMillis());
                // The publisher lists no listener and no dead delivery: both belong to ledger.
                assertThat(endpoint.context("till").events()).isEqualTo(new EventsDescriptor(List.of(), List.of()));

                ledger.failing(false);
                assertThat(endpoint.resubmit("shipping", null, null)).isNull();
                assertThat(endpoint.resubmit("ledger", Ledger.TALLY, null).resubmitted()).isZero();
                assertThat(endpoint.resubmit("ledger", Ledger.POST, dead.eventId()).resubmitted()).isEqualTo(1);
                await(() -> meters.delivered(Ledger.POST) == 2);
                assertThat(meters.dead(Ledger.POST)).isZero();
                assertThat(meters.failed(Ledger.POST)).isEqualTo(1);
                assertThat(ledger.postings()).isEqualTo(2);
                assertThat(endpoint.context("ledger").events().dead()).isEmpty();
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource("H2")
    void theEndpointsJsonNamesEachListenersFiguresAndEachDeadDelivery(Kind kind) {
        try (Scenario scenario = Shop.scenario(kind, IsolationStrategy.SCHEMA)) {
            runner.withPropertyValues(Shop.placements(scenario, MODEL, 2).toArray(String[]::new)).run(context -> {
                Ledger ledger = context.getBean(Ledger.class);
                Meters meters = new Meters(context.getBean(MeterRegistry.class));
                ledger.failing(true);
                context.getBean(dev.contextdb.boot.observed.till.Till.class).sell(7);
                await(() -> meters.dead(Ledger.POST) == 1 && meters.delivered(Ledger.TALLY) == 1
                        && meters.pending(Ledger.TALLY) == 0);

                JsonNode json = JsonMapper.builder().build()
                        .readTree(JsonMapper.builder().build().writeValueAsString(
                                context.getBean(ContextDbEndpoint.class).contexts()));
                JsonNode ledgerJson = byContext(json, "ledger");
                JsonNode post = ledgerJson.get("events").get("listeners").get(0);
                assertThat(names(post)).containsExactly("listener", "eventType", "pending", "oldestPendingAgeSeconds",
                        "dead", "delivered", "failedAttempts");
                assertThat(post.get("listener").asString()).isEqualTo(Ledger.POST);
                assertThat(post.get("dead").asInt()).isEqualTo(1);
                assertThat(post.get("oldestPendingAgeSeconds").isNull()).isTrue();
                JsonNode dead = ledgerJson.get("events").get("dead").get(0);
                assertThat(names(dead)).containsExactly("eventId", "eventType", "listener", "publisher", "attempts",
                        "lastError", "publishedAt");
                assertThat(dead.get("publisher").asString()).isEqualTo("till");
                assertThat(dead.get("lastError").asString())
                        .isEqualTo("java.lang.IllegalStateException: ledger is closed for sale 7");
                assertThat(dead.get("publishedAt").isString()).as("an ISO-8601 instant").isTrue();
                assertThat(byContext(json, "till").get("events").toString())
                        .isEqualTo("{\"listeners\":[],\"dead\":[]}");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource("H2")
    void overHttpTheResubmitIsAPostOnTheContextsPathWithOptionalListenerAndEventId(Kind kind) {
        try (Scenario scenario = Shop.scenario(kind, IsolationStrategy.SCHEMA)) {
            new WebApplicationContextRunner().withConfiguration(Shop.AUTO_CONFIGURATIONS)
                    .withConfiguration(AutoConfigurations.of(ContextDbEventsAutoConfiguration.class,
                            EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
                            ContextDbEndpointAutoConfiguration.class))
                    .withUserConfiguration(ObservedApplication.class)
                    .withPropertyValues("management.endpoints.web.exposure.include=contextdb",
                            "context-db.events.poll-interval=200ms", "context-db.events.max-attempts=1")
                    .withPropertyValues(Shop.placements(scenario, MODEL, 2).toArray(String[]::new)).run(context -> {
                        assertThat(context).hasNotFailed();
                        ContextEvents events = context.getBean(ContextEvents.class);
                        Ledger ledger = context.getBean(Ledger.class);
                        ledger.failing(true);
                        context.getBean(dev.contextdb.boot.observed.till.Till.class).sell(5);
                        await(() -> events.dead().size() == 1);
                        ledger.failing(false);

                        WebOperation post = context.getBean(WebEndpointsSupplier.class).getEndpoints().stream()
                                .filter(endpoint -> endpoint.getEndpointId().toString().equals("contextdb"))
                                .flatMap(endpoint -> endpoint.getOperations().stream())
                                .filter(operation -> operation.getRequestPredicate().getHttpMethod()
                                        == WebEndpointHttpMethod.POST)
                                .findFirst().orElseThrow();
                        assertThat(post.getRequestPredicate().getPath()).isEqualTo("contextdb/{context}");
                        Map<String, Object> invalid = Map.of("context", "ledger", "eventId", "sale-5");
                        assertThatThrownBy(() -> post.invoke(new InvocationContext(SecurityContext.NONE, invalid)))
                                .isInstanceOf(InvalidEndpointRequestException.class)
                                .hasMessage("eventId 'sale-5' is no event id: copy one from the dead deliveries that"
                                        + " GET /actuator/contextdb/ledger lists");
                        // POST /actuator/contextdb/ledger with an empty body: every dead delivery of ledger's.
                        Object answer = post.invoke(new InvocationContext(SecurityContext.NONE, Map.of("context", "ledger")));
                        assertThat(answer).isEqualTo(new ContextDbEndpoint.ResubmittedDescriptor(1));
                        await(() -> ledger.postings() == 1);
                        assertThat(events.dead()).isEmpty();
                    });
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource("H2")
    void theStartupReportSaysOnceWhichListenerOfWhichContextReceivesWhichEvent(Kind kind, CapturedOutput output) {
        try (Scenario scenario = Shop.scenario(kind, IsolationStrategy.SCHEMA)) {
            runner.withPropertyValues(Shop.placements(scenario, MODEL, 2).toArray(String[]::new)).run(context -> {
                String report = StartupReport.renderEvents(context.getBean(ContextDb.class),
                        context.getBean(ContextEvents.class).listeners());
                String n = System.lineSeparator();
                assertThat(report).isEqualTo("context-db events: 2 listeners in 1 context" + n
                        + "  ledger: " + Ledger.POST + " receives " + SOLD + n
                        + "  ledger: ledger-tally receives " + SOLD);
                assertThat(output.getOut().split("context-db events: ", -1)).as("the events block, logged once")
                        .hasSize(2);
                assertThat(output.getOut()).contains(report);
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource("H2")
    void theGaugesReuseTheirOutboxFiguresForTheRefreshInterval(Kind kind) {
        try (Scenario scenario = Shop.scenario(kind, IsolationStrategy.SCHEMA)) {
            runner.withPropertyValues(Shop.placements(scenario, MODEL, 2).toArray(String[]::new))
                    .withPropertyValues("context-db.events.metrics-refresh=1h").run(context -> {
                        Meters meters = new Meters(context.getBean(MeterRegistry.class));
                        ContextEvents events = context.getBean(ContextEvents.class);
                        assertThat(meters.dead(Ledger.POST)).isZero();
                        context.getBean(Ledger.class).failing(true);
                        context.getBean(dev.contextdb.boot.observed.till.Till.class).sell(3);
                        await(() -> events.status().stream()
                                .anyMatch(listener -> listener.listenerId().equals(Ledger.POST) && listener.dead() == 1));
                        // The outbox has the dead delivery; the gauge still shows the figures read at the start.
                        assertThat(meters.dead(Ledger.POST)).isZero();
                        assertThat(meters.failed(Ledger.POST)).isZero();
                    });
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource("H2")
    void withoutAMeterRegistryThereAreNoEventMetrics(Kind kind) {
        try (Scenario scenario = Shop.scenario(kind, IsolationStrategy.SCHEMA)) {
            new ApplicationContextRunner().withConfiguration(Shop.AUTO_CONFIGURATIONS)
                    .withConfiguration(AutoConfigurations.of(ContextDbEventsAutoConfiguration.class,
                            ContextDbEventsMetricsAutoConfiguration.class))
                    .withUserConfiguration(ObservedApplication.class)
                    .withPropertyValues(Shop.placements(scenario, MODEL, 2).toArray(String[]::new)).run(context -> {
                        assertThat(context).hasNotFailed().hasSingleBean(ContextEvents.class);
                        assertThat(context).doesNotHaveBean("contextEventsMetrics");
                    });
        }
    }

    private static JsonNode byContext(JsonNode json, String context) {
        for (JsonNode node : json.get("contexts")) {
            if (node.get("context").asString().equals(context)) {
                return node;
            }
        }
        throw new AssertionError("no context '" + context + "' in " + json);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    /** The meters of one listener, read as a scrape would. */
    private record Meters(MeterRegistry registry) {

        double pending(String listener) {
            return registry.get("contextdb.events.pending").tags("context", "ledger", "listener", listener).gauge()
                    .value();
        }

        double dead(String listener) {
            return registry.get("contextdb.events.dead").tags("context", "ledger", "listener", listener).gauge().value();
        }

        double oldestPendingAge(String listener) {
            return registry.get("contextdb.events.oldest.pending.age").tags("context", "ledger", "listener", listener)
                    .timeGauge().value(java.util.concurrent.TimeUnit.SECONDS);
        }

        double delivered(String listener) {
            return registry.get("contextdb.events.delivered").tags("context", "ledger", "listener", listener)
                    .functionCounter().count();
        }

        double failed(String listener) {
            return registry.get("contextdb.events.failed").tags("context", "ledger", "listener", listener)
                    .functionCounter().count();
        }
    }
}
