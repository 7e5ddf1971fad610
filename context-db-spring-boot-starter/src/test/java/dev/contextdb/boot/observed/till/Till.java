package dev.contextdb.boot.observed.till;

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
    public void sell(long id) {
        jdbc.sql("insert into sale (id) values (?)").param(id).update();
        events.publishEvent(new Sold(id));
    }
}
