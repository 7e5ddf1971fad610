package dev.contextdb.boot.rabbit.till;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Records a sale and publishes it in the same till transaction. */
@Service
public class Till {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    Till(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Transactional
    public void sell(long id, String item, String exchange) {
        jdbc.sql("insert into till_sale (id, item) values (?, ?)").params(id, item).update();
        events.publishEvent(new Sold(id, item, exchange));
    }
}
