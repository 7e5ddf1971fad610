package dev.contextdb.benchmarks.boot.events.audit;

import dev.contextdb.benchmarks.boot.events.orders.OrderPlaced;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Listens to {@link OrderPlaced}: without a listener, an event is not stored at all. */
@Component
public class AuditTrail {

    private final JdbcClient jdbc;

    AuditTrail(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(OrderPlaced placed) {
        jdbc.sql("insert into audit_entry (order_id, line) values (?, ?)").params(placed.order(), placed.line()).update();
    }
}
