package dev.contextdb.benchmarks.boot.delivery.contextdb.orders;

import dev.contextdb.benchmarks.boot.delivery.EventClock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Written as an application would write it: an unqualified {@link JdbcClient} and
 * {@code @Transactional} (the starter makes them orders'), and Spring's event publisher. Same code
 * as the Spring Modulith application's service.
 */
@Service
public class OrderService {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    public OrderService(JdbcClient jdbc, ApplicationEventPublisher events) {
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

    /** Inserts an order and publishes {@link OrderExported}, in one transaction. */
    @Transactional
    public void export(long id, String exchange) {
        jdbc.sql("insert into purchase_order (id) values (?)").param(id).update();
        events.publishEvent(new OrderExported(exchange, id));
    }
}
