package dev.contextdb.boot.datajdbc.orders;

import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Orders: a repository, the aggregate template and JdbcClient in one transaction, all unqualified. */
@Service
public class OrderService {

    private final PurchaseOrders orders;
    private final JdbcAggregateOperations aggregates;
    private final JdbcClient jdbc;

    public OrderService(PurchaseOrders orders, JdbcAggregateOperations aggregates, JdbcClient jdbc) {
        this.orders = orders;
        this.aggregates = aggregates;
        this.jdbc = jdbc;
    }

    @Transactional
    public long place(PurchaseOrder order) {
        PurchaseOrder saved = orders.save(order);
        jdbc.sql("insert into order_event(description) values (?)").param("placed " + saved.id()).update();
        return saved.id();
    }

    /** Saves through the repository, writes with JdbcClient, then fails: both must roll back. */
    @Transactional
    public void placeThenFail(PurchaseOrder order) {
        long id = place(order);
        throw new IllegalStateException("order " + id + " failed");
    }

    public JdbcAggregateOperations aggregates() {
        return aggregates;
    }

    public JdbcClient jdbc() {
        return jdbc;
    }
}
