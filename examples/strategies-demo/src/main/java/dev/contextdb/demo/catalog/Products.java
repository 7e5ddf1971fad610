package dev.contextdb.demo.catalog;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The catalogue's data access. Its SQL names no schema or database: the strategy decides. */
public class Products {

    private final JdbcTemplate jdbc;

    public Products(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public void add(long id, String name, long priceCents) {
        jdbc.update("insert into product (id, name, price_cents) values (?, ?, ?)", id, name, priceCents);
    }
}
