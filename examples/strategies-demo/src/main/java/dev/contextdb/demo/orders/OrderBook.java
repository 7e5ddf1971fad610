package dev.contextdb.demo.orders;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The orders' data access. Its SQL names no schema or database: the strategy decides. */
public class OrderBook {

    private final JdbcTemplate jdbc;

    public OrderBook(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public void record(long id, long productId, int quantity) {
        jdbc.update("insert into customer_order (id, product_id, quantity) values (?, ?, ?)", id, productId, quantity);
    }
}
