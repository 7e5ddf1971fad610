package dev.contextdb.boot.events.checkout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Records a purchase and publishes it in the same checkout transaction. */
@Service
public class Checkout {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    /** What the plain @EventListener saw, synchronously. */
    private final List<Long> seenAtOnce = new CopyOnWriteArrayList<>();

    Checkout(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Transactional
    public void buy(long id, String item) {
        jdbc.sql("insert into purchase (id, item) values (?, ?)").params(id, item).update();
        events.publishEvent(new Purchased(id, item));
    }

    /** Publishes with no transaction. */
    public void announce(long id, String item) {
        events.publishEvent(new Purchased(id, item));
    }

    @EventListener
    void audit(Purchased purchased) {
        seenAtOnce.add(purchased.id());
    }

    public List<Long> seenAtOnce() {
        return List.copyOf(seenAtOnce);
    }
}
