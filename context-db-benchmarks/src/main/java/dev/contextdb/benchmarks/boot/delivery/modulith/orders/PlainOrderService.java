package dev.contextdb.benchmarks.boot.delivery.modulith.orders;

import dev.contextdb.benchmarks.boot.delivery.EventClock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The same service as context-db's, on Boot's one DataSource; Modulith's registry stores the event. */
@Service
public class PlainOrderService {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    public PlainOrderService(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Inserts an order and publishes {@link OrderPlaced}, in one transaction. */
    @Transactional
    public void place(long id) {
        EventClock.published(id);
        jdbc.sql("insert into purchase_order (id) values (?)").param(id).update();
        events.publishEvent(new OrderPlaced(id));
    }
}
