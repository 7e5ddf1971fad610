package dev.contextdb.boot.modulith.orders;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Orders' application service: a repository and an unqualified JdbcClient, in one transaction. */
@Service
public class OrderManagement {

    private final PurchaseOrderRepository orders;
    private final JdbcClient jdbc;

    public OrderManagement(PurchaseOrderRepository orders, JdbcClient jdbc) {
        this.orders = orders;
        this.jdbc = jdbc;
    }

    @Transactional
    public long place(String sku, int quantity) {
        long id = orders.saveAndFlush(new PurchaseOrder(sku, quantity)).getId();
        return jdbc.sql("select count(*) from purchase_order").query(Long.class).single() == 0 ? -1 : id;
    }

    public JdbcClient jdbc() {
        return jdbc;
    }
}
