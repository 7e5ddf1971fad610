package dev.contextdb.boot.datajdbc.orders;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Found by Spring Data's fragment convention; its JdbcClient is orders' own, unqualified. */
class OrderEventsImpl implements OrderEvents {

    private final JdbcClient jdbc;

    OrderEventsImpl(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void recordEvent(String description) {
        jdbc.sql("insert into order_event(description) values (?)").param(description).update();
    }

    @Override
    public long countEvents() {
        return jdbc.sql("select count(*) from order_event").query(Long.class).single();
    }
}
