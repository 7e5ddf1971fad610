package dev.contextdb.examples.shop.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The catalogue's repository. The {@link JdbcClient} is injected without a qualifier and is
 * catalog's own; the SQL names no schema: the strategy places the table.
 */
@Repository
class Products {

    private final JdbcClient jdbc;

    Products(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Product> all() {
        return jdbc.sql("select id, name, price_cents from product order by id").query(Product.class).list();
    }

    Optional<Product> byId(long id) {
        return jdbc.sql("select id, name, price_cents from product where id = ?").param(id).query(Product.class)
                .optional();
    }
}
