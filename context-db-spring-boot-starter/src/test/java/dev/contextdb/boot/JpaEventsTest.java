package dev.contextdb.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextEvents;
import dev.contextdb.ContextModel;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.boot.jpaevents.JpaEventsApplication;
import dev.contextdb.boot.jpaevents.parcels.ParcelDesk;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Events published beside JPA entities: the events are written in the transaction's
 * {@code beforeCommit}, and Hibernate flushes the entities in the commit that follows, on the same
 * connection, in the same transaction: either failing takes the other with it.
 */
class JpaEventsTest {

    static final ContextModel MODEL = ContextModel.of(
            ContextDefinition.of("parcels", "dev.contextdb.boot.jpaevents.parcels"),
            ContextDefinition.of("tracking", "dev.contextdb.boot.jpaevents.tracking"));

    private final ApplicationContextRunner runner = JpaShop.runner()
            .withConfiguration(AutoConfigurations.of(ContextDbEventsAutoConfiguration.class))
            .withUserConfiguration(JpaEventsApplication.class);

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"H2, SCHEMA", "POSTGRESQL, SCHEMA", "POSTGRESQL, SHARED"})
    void anEntityAndItsEventsCommitOrRollBackTogether(Kind kind, IsolationStrategy strategy) {
        try (Scenario scenario = JpaShop.scenario(kind, strategy)) {
            runner.withPropertyValues(Shop.placements(scenario, MODEL, 2).toArray(String[]::new))
                    .withPropertyValues("spring.jpa.hibernate.ddl-auto=validate",
                            "context-db.events.poll-interval=200ms",
                            // An ordering key wider than its column (200) makes the outbox refuse the event.
                            "context-db.events.ordering-keys[dev.contextdb.boot.jpaevents.parcels.ParcelSent]=label()")
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        ParcelDesk desk = context.getBean(ParcelDesk.class);
                        ContextEvents events = context.getBean(ContextEvents.class);
                        String parcel = scenario.qualified("parcels", "parcel");
                        String outbox = scenario.qualified("parcels", events.tables("parcels").get(0));

                        desk.send(1, "box");
                        EventsAutoConfigurationTests.await(() -> events.count("parcels", "DONE") == 1);
                        assertThat(scenario.query("tracking", "select parcel_id from "
                                + scenario.qualified("tracking", "tracked"))).containsExactly("1");

                        // The outbox refuses the event: the entity is not stored either.
                        assertThatThrownBy(() -> desk.send(2, "x".repeat(300))).isInstanceOf(IllegalStateException.class)
                                .hasMessageStartingWith("Context 'parcels' could not store event"
                                        + " dev.contextdb.boot.jpaevents.parcels.ParcelSent in its outbox");
                        // Hibernate's flush at the commit fails (label taken): the event is not stored either.
                        assertThatThrownBy(() -> desk.send(3, "box"))
                                .isInstanceOf(DataIntegrityViolationException.class);

                        assertThat(scenario.query("parcels", "select id from " + parcel)).containsExactly("1");
                        assertThat(scenario.query("parcels", "select count(*) from " + outbox)).containsExactly("1");
                        assertThat(desk.count()).isEqualTo(1);
                    });
        }
    }
}
