package dev.contextdb.benchmarks.boot.events.orders;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The same {@code @Transactional} service method with and without events: an insert, then
 * {@code events} times {@code publishEvent}, in one transaction of {@code evorders}.
 */
@Service
public class OrderService {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    public OrderService(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /**
     * @param id the order
     * @param events how many {@link OrderPlaced} to publish, 0 for none
     * @return the id
     */
    @Transactional
    public long place(long id, int events) {
        jdbc.sql("insert into purchase_order (id, lines) values (?, ?)").params(id, events).update();
        for (int line = 0; line < events; line++) {
            this.events.publishEvent(new OrderPlaced(id, line));
        }
        return id;
    }
}
