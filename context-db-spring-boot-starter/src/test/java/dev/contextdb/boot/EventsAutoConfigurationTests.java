package dev.contextdb.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextEvents;
import dev.contextdb.ContextModel;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.boot.events.EventsApplication;
import dev.contextdb.boot.events.checkout.Checkout;
import dev.contextdb.boot.events.pantry.Pantry;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.event.ApplicationEventMulticaster;

/**
 * The events between contexts in a Boot application: a @Transactional service of checkout
 * publishes, a @Component of pantry listens with @ApplicationModuleListener; nothing but
 * annotations and properties.
 */
class EventsAutoConfigurationTests {

    static final ContextModel MODEL = ContextModel.of(ContextDefinition.of("checkout", "dev.contextdb.boot.events.checkout"),
            ContextDefinition.of("pantry", "dev.contextdb.boot.events.pantry"));

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(Shop.AUTO_CONFIGURATIONS)
            .withConfiguration(AutoConfigurations.of(ContextDbEventsAutoConfiguration.class))
            .withUserConfiguration(EventsApplication.class);

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"H2, SCHEMA", "POSTGRESQL, SHARED", "MARIADB, DATABASE"})
    void anEventCommittedByOneContextIsAppliedOnceByAnotherContextsListener(Kind kind, IsolationStrategy strategy) {
        try (Scenario scenario = Shop.scenario(kind, strategy)) {
            runner.withPropertyValues(Shop.placements(scenario, MODEL, 2).toArray(String[]::new))
                    .withPropertyValues("context-db.events.poll-interval=200ms")
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context.getBean("applicationEventMulticaster", ApplicationEventMulticaster.class))
                                .isNotNull();
                        Checkout checkout = context.getBean(Checkout.class);
                        Pantry pantry = context.getBean(Pantry.class);
                        ContextEvents events = context.getBean(ContextEvents.class);
                        assertThat(events.listeners()).containsEntry("dev.contextdb.boot.events.pantry.Pantry.on("
                                + "dev.contextdb.boot.events.checkout.Purchased) <- dev.contextdb.boot.events.checkout.Purchased",
                                "pantry");

                        checkout.buy(1, "tea");
                        // A plain @EventListener is still called at once, in the publisher's thread.
                        assertThat(checkout.seenAtOnce()).containsExactly(1L);
                        await(() -> events.count("checkout", "DONE") == 1);
                        assertThat(pantry.count()).isEqualTo(1);
                        assertThat(pantry.calls()).singleElement().asString().startsWith("context-db-events-")
                                .endsWith(" true");
                        assertThat(scenario.query("pantry", "select item from " + scenario.qualified("pantry", "shelf")))
                                .containsExactly("tea");
                        assertThat(scenario.query("pantry", "select count(*) from "
                                + scenario.qualified("pantry", events.tables("pantry").get(2)))).containsExactly("1");

                        assertThatThrownBy(() -> checkout.announce(2, "jam")).isInstanceOf(IllegalStateException.class)
                                .hasMessageStartingWith("Event dev.contextdb.boot.events.checkout.Purchased was published"
                                        + " outside a transaction of a bounded context");
                    });
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource("H2")
    void switchedOffTheListenersAreSpringModulithsAgain(Kind kind) {
        try (Scenario scenario = Shop.scenario(kind, IsolationStrategy.SCHEMA)) {
            runner.withPropertyValues(Shop.placements(scenario, MODEL, 2).toArray(String[]::new))
                    .withPropertyValues("context-db.events.enabled=false")
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context).doesNotHaveBean(ContextEvents.class);
                        assertThat(context).doesNotHaveBean("contextDbEventListenerFactory");
                    });
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource("H2")
    void anOrderingKeyNamingNoClassFailsTheStart(Kind kind) {
        try (Scenario scenario = Shop.scenario(kind, IsolationStrategy.SCHEMA)) {
            runner.withPropertyValues(Shop.placements(scenario, MODEL, 2).toArray(String[]::new))
                    .withPropertyValues("context-db.events.ordering-keys[com.acme.Missing]=id()")
                    .run(context -> assertThat(context).hasFailed().getFailure()
                            .hasStackTraceContaining("context-db.events.ordering-keys[com.acme.Missing] names no class on the"
                                    + " class path."));
        }
    }

    static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Condition not met within 20 s");
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
