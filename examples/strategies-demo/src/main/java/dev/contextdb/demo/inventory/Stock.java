package dev.contextdb.demo.inventory;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The inventory's data access. Its SQL names no schema or database: the strategy decides. */
public class Stock {

    private final JdbcTemplate jdbc;

    public Stock(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public void receive(long productId, int quantity) {
        jdbc.update("insert into stock_level (product_id, quantity) values (?, ?)", productId, quantity);
    }

    public void reserve(long productId, int quantity) {
        int updated = jdbc.update(
                "update stock_level set quantity = quantity - ? where product_id = ? and quantity >= ?",
                quantity, productId, quantity);
        if (updated != 1) {
            throw new IllegalStateException("not enough stock of product " + productId);
        }
    }
}
