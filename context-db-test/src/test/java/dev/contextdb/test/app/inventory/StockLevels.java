package dev.contextdb.test.app.inventory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Inventory's data access: JdbcClient, no qualifier (inventoryJdbcClient). */
@Repository
public class StockLevels {

    private final JdbcClient jdbc;

    StockLevels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void receive(String sku, int quantity) {
        jdbc.sql("insert into stock(sku, quantity) values (?, ?)").params(sku, quantity).update();
    }

    public long count() {
        return jdbc.sql("select count(*) from stock").query(Long.class).single();
    }
}
