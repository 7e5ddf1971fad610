package dev.contextdb.benchmarks.boot.delivery.modulith.shipping;

import dev.contextdb.benchmarks.boot.delivery.EventClock;
import dev.contextdb.benchmarks.boot.delivery.modulith.orders.OrderPlaced;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Shipping's listener, as Spring Modulith runs it: asynchronously after the publisher's commit, in a
 * new transaction ({@code @ApplicationModuleListener}); the registry marks the publication completed
 * after it.
 */
@Component
public class PlainShipments {

    private final JdbcClient jdbc;

    public PlainShipments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    public void on(OrderPlaced placed) {
        jdbc.sql("insert into shipment (order_id) values (?)").param(placed.id()).update();
        EventClock.applied(placed.id());
    }
}
