package dev.contextdb.test.app.orders;

import dev.contextdb.ContextDb;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Orders' application service: places orders for products it reads from catalog's table. */
@Service
public class OrderDesk {

    private final PurchaseOrders orders;
    private final JdbcClient jdbc;
    private final String products;

    OrderDesk(PurchaseOrders orders, JdbcClient jdbc, ContextDb contextDb) {
        this.orders = orders;
        this.jdbc = jdbc;
        this.products = contextDb.placement("catalog").qualify("product");
    }

    @Transactional
    public PurchaseOrder place(String sku, int quantity) {
        productName(sku).orElseThrow(() -> new IllegalArgumentException("no product " + sku));
        return orders.save(new PurchaseOrder(null, sku, quantity));
    }

    public Optional<String> productName(String sku) {
        return jdbc.sql("select name from " + products + " where sku = ?").param(sku).query(String.class).optional();
    }
}
