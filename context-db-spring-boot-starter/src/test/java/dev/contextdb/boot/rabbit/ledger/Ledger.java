package dev.contextdb.boot.rabbit.ledger;

import dev.contextdb.boot.rabbit.till.Sold;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Books each sale; the table has no unique key on the sale, so a sale booked twice shows. */
@Component
public class Ledger {

    private final JdbcClient jdbc;

    Ledger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(Sold sold) {
        jdbc.sql("insert into ledger_entry (sale_id, item) values (?, ?)").params(sold.id(), sold.item()).update();
    }

    public long count() {
        return jdbc.sql("select count(*) from ledger_entry").query(Long.class).single();
    }

    /** @return the booked sales, once per booking, in sale order */
    public List<Long> sales() {
        return jdbc.sql("select sale_id from ledger_entry order by sale_id").query(Long.class).list();
    }
}
