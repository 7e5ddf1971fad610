package dev.contextdb.test.app.orders;

import static dev.contextdb.IsolationStrategy.SCHEMA;
import static dev.contextdb.IsolationStrategy.SHARED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.ContextDb;
import dev.contextdb.Placement;
import dev.contextdb.test.ContextDbTest;
import dev.contextdb.test.ContextDbTestEvents;
import dev.contextdb.test.app.catalog.Catalog;
import dev.contextdb.test.app.catalog.Products;
import dev.contextdb.test.app.inventory.StockLevels;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The Spring Data JDBC context that reads catalog, on embedded H2 under SHARED and SCHEMA: catalog's
 * data access and migrations are there (its table readable), catalog's components are not; the
 * events it publishes are recorded for the method, also when it is rolled back.
 */
@ContextDbTest(value = "orders", strategy = {SHARED, SCHEMA})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrdersContextTest {

    @Autowired ApplicationContext application;
    @Autowired ContextDb contextDb;
    @Autowired OrderDesk desk;
    @Autowired PurchaseOrders orders;
    @Autowired ContextDbTestEvents events;

    @Test
    @Order(1)
    void holdsOrdersAndTheDataOfWhatItReads() {
        assertThat(contextDb.placements()).extracting(Placement::context).containsExactly("catalog", "orders");
        assertThat(contextDb.migrations()).containsOnlyKeys("catalog", "orders");
        assertThat(application.containsBean("ordersJdbcAggregateTemplate")).isTrue();
        assertThat(application.containsBean("catalogEntityManagerFactory")).isTrue();
        assertThat(application.getBeanNamesForType(Products.class)).hasSize(1);
        assertThat(application.getBeanNamesForType(Catalog.class)).as("catalog's components").isEmpty();
        assertThat(application.containsBean("inventoryDataSource")).isFalse();
        assertThat(application.getBeanNamesForType(StockLevels.class)).isEmpty();
    }

    @Test
    @Order(2)
    void placesAnOrderForAProductOfCatalogAndRollsItBack() {
        assertThat(desk.productName("tea")).contains("Green tea");
        desk.place("tea", 2);
        assertThat(orders.count()).isEqualTo(1);
        // Recorded as published, although the transaction that published it is rolled back.
        assertThat(events.published(OrderPlaced.class)).containsExactly(new OrderPlaced("tea", 2));
        assertThat(events.published(String.class)).isEmpty();
    }

    @Test
    @Order(3)
    void seesNoOrderOfTheRolledBackMethod() {
        assertThat(orders.count()).isZero();
        assertThat(events.published(OrderPlaced.class)).as("the events of the method before").isEmpty();
    }
}
