package dev.contextdb.benchmarks.boot.delivery.contextdb.shipping;

import dev.contextdb.benchmarks.boot.delivery.EventClock;
import dev.contextdb.benchmarks.boot.delivery.contextdb.orders.OrderPlaced;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Shipping's listener: a shipment row per order, in shipping's transaction (context-db's inbox row with it). */
@Component
class Shipments {

    private final JdbcClient jdbc;

    Shipments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(OrderPlaced placed) {
        jdbc.sql("insert into shipment (order_id) values (?)").param(placed.id()).update();
        EventClock.applied(placed.id());
    }
}
