package dev.contextdb.test.app.shipping;

import dev.contextdb.test.app.orders.OrderPlaced;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Ships each placed order, in a transaction of shipping; refuses the sku "unshippable". */
@Component
public class Shipments {

    private final JdbcClient jdbc;

    Shipments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(OrderPlaced placed) {
        jdbc.sql("insert into shipment(sku, quantity) values (?, ?)").params(placed.sku(), placed.quantity()).update();
        if (placed.sku().equals("unshippable")) {
            throw new IllegalStateException("No carrier takes " + placed.sku());
        }
    }

    public long count() {
        return jdbc.sql("select count(*) from shipment").query(Long.class).single();
    }
}
