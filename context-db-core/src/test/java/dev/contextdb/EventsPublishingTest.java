package dev.contextdb;

import static dev.contextdb.EventsTest.await;
import static dev.contextdb.EventsTest.reservations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.EventsTest.App;
import dev.contextdb.fixtures.events.sales.SaleMade;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How a transaction's events reach its context's outbox: collected while it runs, written in one
 * go when it commits, in publication order, with exactly the transaction's fate: an inner
 * {@code REQUIRES_NEW} transaction keeps its own events, a savepoint rolled back drops the events
 * published after it, and an outbox that refuses the events rolls the publisher's rows back.
 */
class EventsPublishingTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void theEventsOfATransactionAreStoredAtItsCommitInPublicationOrder(Kind kind) {
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                App app = App.start(scenario.builder(EventsTest.MODEL).build(), events -> { })) {
            app.sales().sellMany(30, 5, "pea");

            await(() -> app.events().count("sales", "DONE") == 5);
            assertThat(reservations(scenario)).containsExactly("30 pea", "31 pea", "32 pea", "33 pea", "34 pea");
            List<String> tables = app.events().tables("sales");
            // Delivery ids follow the publication order: the order per key relies on it.
            assertThat(scenario.query("sales", "select o.payload from " + scenario.qualified("sales", tables.get(1))
                    + " d join " + scenario.qualified("sales", tables.get(0)) + " o on o.id = d.event_id order by d.id"))
                    .extracting(payload -> payload.replaceAll("\\s", ""))
                    .containsExactly("{\"id\":30,\"sku\":\"pea\"}", "{\"id\":31,\"sku\":\"pea\"}",
                            "{\"id\":32,\"sku\":\"pea\"}", "{\"id\":33,\"sku\":\"pea\"}", "{\"id\":34,\"sku\":\"pea\"}");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void anInnerRequiresNewTransactionStoresItsOwnEventsWhateverTheOuterOneDoes(Kind kind) {
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                App app = App.start(scenario.builder(EventsTest.MODEL).build(), events -> { })) {
            assertThatThrownBy(() -> app.sales().sellInsideFailingSale(40, 41, "oat")).hasMessage("declined");

            await(() -> app.events().count("sales", "DONE") == 1);
            assertThat(reservations(scenario)).containsExactly("41 oat");
            assertThat(scenario.query("sales", "select count(*) from " + scenario.qualified("sales",
                    app.events().tables("sales").get(0)))).containsExactly("1");
            assertThat(app.reservations().calls).containsOnlyKeys(41L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void aSavepointRolledBackDropsTheEventsPublishedAfterIt(Kind kind) {
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                App app = App.start(scenario.builder(EventsTest.MODEL).build(), events -> { })) {
            // An event before the savepoint, one after it rolled back, one after the rollback.
            app.sales().sellAroundUndoneSale(new long[] {50}, 51, 52, "rye");
            // The transaction's first event comes after the savepoint, which was set before it.
            app.sales().sellAroundUndoneSale(new long[0], 53, 54, "rye");

            await(() -> app.events().count("sales", "DONE") == 3);
            assertThat(reservations(scenario)).containsExactly("50 rye", "52 rye", "54 rye");
            assertThat(scenario.query("sales", "select count(*) from " + scenario.qualified("sales",
                    app.events().tables("sales").get(0)))).containsExactly("3");
            assertThat(scenario.query("sales", "select count(*) from " + scenario.qualified("sales", "sale")))
                    .containsExactly("3");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void anOutboxThatRefusesTheEventsRollsThePublishersRowsBack(Kind kind) {
        // An ordering key wider than its column (200): the outbox insert fails at the commit.
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                App app = App.start(scenario.builder(EventsTest.MODEL).build(), events -> events.orderedBy(
                        SaleMade.class, sale -> sale.id() == 61 ? "k".repeat(300) : sale.sku()))) {
            assertThatThrownBy(() -> app.sales().sellMany(60, 2, "bran")).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Context 'sales' could not store 2 events"
                            + " (dev.contextdb.fixtures.events.sales.SaleMade) in its outbox (cdb_outbox), so its"
                            + " transaction is rolled back: ");
            app.sales().sell(62, "bran");

            await(() -> app.events().count("sales", "DONE") == 1);
            assertThat(scenario.query("sales", "select id from " + scenario.qualified("sales", "sale")))
                    .containsExactly("62");
            assertThat(reservations(scenario)).containsExactly("62 bran");
            assertThat(scenario.query("sales", "select count(*) from " + scenario.qualified("sales",
                    app.events().tables("sales").get(0)))).containsExactly("1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Kind.class, names = {"H2", "POSTGRESQL"})
    void anEventPublishedWhileTheTransactionCommitsIsStoredToo(Kind kind) {
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                App app = App.start(scenario.builder(EventsTest.MODEL).build(), events -> { })) {
            // After the transaction's batch was written: written at once, in the transaction.
            app.sales().sellAtCommit(new long[] {100}, 101, "cake");
            // The transaction's first event, too late for its batch: stored right after the commit.
            app.sales().sellAtCommit(new long[0], 102, "cake");

            await(() -> app.events().count("sales", "DONE") == 3);
            assertThat(reservations(scenario)).containsExactly("100 cake", "101 cake", "102 cake");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aTransactionWithMoreEventsThanOneStatementTakesIsWrittenInSeveral(Kind kind) {
        // 3,500 events with one listener each: 35,000 bind parameters, over the 30,000 of one statement.
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                App app = App.create(scenario.builder(EventsTest.MODEL).build(), events -> events.orderedBy(
                        SaleMade.class, sale -> String.format("%07d", sale.id())))) {
            app.sales().sellMany(200_000, 3_500, "bulk");

            List<String> tables = app.events().tables("sales");
            assertThat(scenario.query("sales", "select count(*) from " + scenario.qualified("sales", tables.get(0))))
                    .containsExactly("3500");
            // Delivery ids in publication order across the statements too (the key is the sale's id).
            String deliveries = scenario.qualified("sales", tables.get(1));
            assertThat(scenario.query("sales", "select count(*) from " + deliveries + " d join " + deliveries
                    + " e on e.id = d.id + 1 where e.event_key > d.event_key")).containsExactly("3499");
        }
    }
}
