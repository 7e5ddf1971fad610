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
 * In shipping's package, as a context's own tests are: its unqualified JdbcClient is shipping's.
 * A consumer tests its JPA context alone with {@code @ContextDbTest}, from the installed
 * artifacts, under the three strategies on embedded H2 (no database configured): only shipping's
 * beans and migrations exist, and each method is rolled back on shipping's transaction manager.
 */
@ContextDbTest(value = "shipping", strategy = {SHARED, SCHEMA, DATABASE})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShippingContextTest {

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
        // Nowhere in the slice's database did billing's or sales' migrations run.
        assertThat(jdbc.sql("select count(*) from information_schema.tables where lower(table_name) in"
                + " ('invoice', 'sales_order', 'sales_line')").query(Long.class).single()).isZero();

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

    static List<String> tables(JdbcClient jdbc) {
        String schema = jdbc.sql("select current_schema").query(String.class).single();
        return jdbc.sql("select lower(table_name) from information_schema.tables where table_schema = ?")
                .param(schema).query(String.class).list();
    }

    private List<String> tablesWhereShippingIs() {
        return tables(jdbc);
    }

    private String historyTable() {
        IsolationStrategy strategy = contextDb.placement("shipping").strategy();
        return strategy == SHARED ? "flyway_schema_history_shipping" : "flyway_schema_history";
    }

    private long shipments() {
        return jdbc.sql("select count(*) from shipment").query(Long.class).single();
    }
}
