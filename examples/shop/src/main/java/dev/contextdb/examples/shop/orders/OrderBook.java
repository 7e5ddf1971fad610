package dev.contextdb.examples.shop.orders;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The orders' repository, a plain {@link JdbcTemplate}: orders' own, injected without a qualifier. */
@Repository
public class OrderBook {

    private final JdbcTemplate jdbc;

    public OrderBook(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public Order record(String customer, long productId, int quantity, long totalCents) {
        if (customer == null || customer.isBlank()) {
            throw new IllegalArgumentException("An order needs a customer");
        }
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into customer_order (id, customer, product_id, quantity, total_cents) values (?, ?, ?, ?, ?)",
                id, customer, productId, quantity, totalCents);
        return new Order(id, customer, productId, quantity, totalCents);
    }

    @Transactional(readOnly = true)
    public List<Order> all() {
        return jdbc.query("select id, customer, product_id, quantity, total_cents from customer_order order by customer, id",
                (row, number) -> new Order(row.getString(1), row.getString(2), row.getLong(3), row.getInt(4),
                        row.getLong(5)));
    }
}
