package com.example.consumer.shipping;

import static dev.contextdb.IsolationStrategy.DATABASE;
import static dev.contextdb.IsolationStrategy.SCHEMA;
import static dev.contextdb.IsolationStrategy.SHARED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.ContextDb;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.Placement;
import dev.contextdb.test.ContextDbTest;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link ShippingContextTest} on PostgreSQL: the slice places shipping under names of the run's
 * own, creates only its tables there, and rolls each method back.
 */
@ContextDbTest(value = "shipping", strategy = {SHARED, SCHEMA, DATABASE}, properties = {
        "context-db.datasource.url=${CONTEXTDB_POSTGRES_URL:jdbc:postgresql://127.0.0.1:5432/test}",
        "context-db.datasource.username=${CONTEXTDB_POSTGRES_USER:postgres}",
        "context-db.datasource.password=${CONTEXTDB_POSTGRES_PASSWORD:}"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShippingContextOnPostgresTest {

    @org.junit.jupiter.api.BeforeAll
    static void postgres() {
        com.example.consumer.Server.connect(com.example.consumer.Server.Vendor.POSTGRESQL).close();   // skipped (failed under CI=true) when it is down
    }

    @Autowired ApplicationContext application;
    @Autowired ContextDb contextDb;
    @Autowired Shipping shipping;
    @Autowired JdbcClient jdbc;

    @Test
    @Order(1)
    void shippingStartsAloneWithOnlyItsOwnMigrations() {
        assertThat(contextDb.placements()).extracting(Placement::context).containsExactly("shipping");
        assertThat(application.containsBean("billingDataSource")).isFalse();
        assertThat(application.containsBean("salesDataSource")).isFalse();
        assertThat(application.containsBean("invoices")).isFalse();
        assertThat(application.containsBean("sales")).isFalse();
        assertThat(tablesWhereShippingIs()).containsExactlyInAnyOrder("shipment", historyTable());

        shipping.ship("Basel");
        // A JPA query flushes the pending insert into the test's transaction; JDBC then sees the row.
        assertThat(shipping.countTo("Basel")).isEqualTo(1);
        assertThat(shipments()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void theFirstMethodsShipmentWasRolledBack() {
        assertThat(shipments()).isZero();
        assertThat(shipping.countTo("Basel")).isZero();
    }

    private List<String> tablesWhereShippingIs() {
        return ShippingContextTest.tables(jdbc);
    }

    private String historyTable() {
        IsolationStrategy strategy = contextDb.placement("shipping").strategy();
        return strategy == SHARED ? "flyway_schema_history_shipping" : "flyway_schema_history";
    }

    private long shipments() {
        return jdbc.sql("select count(*) from shipment").query(Long.class).single();
    }
}
