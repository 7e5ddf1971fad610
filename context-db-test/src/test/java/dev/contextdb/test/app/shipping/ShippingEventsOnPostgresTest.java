package dev.contextdb.test.app.shipping;

import static dev.contextdb.IsolationStrategy.DATABASE;
import static dev.contextdb.IsolationStrategy.SCHEMA;
import static dev.contextdb.IsolationStrategy.SHARED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextEvents;
import dev.contextdb.test.ContextDbTest;
import dev.contextdb.test.ContextDbTestEvents;
import dev.contextdb.test.TestDatabase;
import dev.contextdb.test.app.orders.OrderPlaced;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code deliver} on PostgreSQL under each strategy: the event tables are created in the run's
 * placement of shipping, the listener's effect is committed there when {@code deliver} returns, and a
 * failing listener's error fails it.
 */
@ContextDbTest(value = "shipping", strategy = {SHARED, SCHEMA, DATABASE}, properties = {
        "context-db.datasource.url=${CONTEXTDB_POSTGRES_URL:jdbc:postgresql://127.0.0.1:5432/test}",
        "context-db.datasource.username=${CONTEXTDB_POSTGRES_USER:postgres}",
        "context-db.datasource.password=${CONTEXTDB_POSTGRES_PASSWORD:}"})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class ShippingEventsOnPostgresTest {

    @Autowired ContextDbTestEvents events;
    @Autowired ContextEvents contextEvents;
    @Autowired ContextDb contextDb;
    @Autowired JdbcClient jdbc;

    @BeforeAll
    static void postgres() {
        TestDatabase.postgres().close();   // skipped (failed under CI=true) when PostgreSQL is down
    }

    @Test
    void deliversIntoTheRunsPlacementAndSurfacesAFailure() {
        events.deliver(new OrderPlaced("tea", 2));
        // Read in the run's placement of shipping: its schema, or under DATABASE its database.
        String where = contextDb.placement("shipping").strategy() == DATABASE
                ? jdbc.sql("select current_database()").query(String.class).single()
                : jdbc.sql("select current_schema()").query(String.class).single();
        assertThat(where).matches((contextDb.placement("shipping").strategy() == SHARED ? "contextdb" : "shipping")
                + "_t[a-z0-9]{7}");
        assertThat(jdbc.sql("select sku from shipment").query(String.class).list()).containsExactly("tea");
        assertThat(jdbc.sql("select count(*) from information_schema.tables where table_schema = current_schema()"
                + " and table_name = ?").param(contextEvents.tables("shipping").get(0)).query(Long.class).single())
                .isEqualTo(1);

        assertThatThrownBy(() -> events.deliver(new OrderPlaced("unshippable", 1)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("is dead after 1 attempt(s): java.lang.IllegalStateException: No carrier takes"
                        + " unshippable");
        assertThat(jdbc.sql("select sku from shipment").query(String.class).list()).containsExactly("tea");
    }
}
