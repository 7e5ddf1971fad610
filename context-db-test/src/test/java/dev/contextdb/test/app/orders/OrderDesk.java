package dev.contextdb.test.app.orders;

import dev.contextdb.ContextDb;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Orders' application service: places orders for products it reads from catalog's table, and says so. */
@Service
public class OrderDesk {

    private final PurchaseOrders orders;
    private final JdbcClient jdbc;
    private final String products;
    private final ApplicationEventPublisher events;

    OrderDesk(PurchaseOrders orders, JdbcClient jdbc, ContextDb contextDb, ApplicationEventPublisher events) {
        this.orders = orders;
        this.events = events;
        this.jdbc = jdbc;
        this.products = contextDb.placement("catalog").qualify("product");
    }

    @Transactional
    public PurchaseOrder place(String sku, int quantity) {
        productName(sku).orElseThrow(() -> new IllegalArgumentException("no product " + sku));
        PurchaseOrder order = orders.save(new PurchaseOrder(null, sku, quantity));
        events.publishEvent(new OrderPlaced(sku, quantity));
        return order;
    }

    public Optional<String> productName(String sku) {
        return jdbc.sql("select name from " + products + " where sku = ?").param(sku).query(String.class).optional();
    }
}
