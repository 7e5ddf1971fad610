package dev.contextdb.boot.events.pantry;

import dev.contextdb.boot.events.checkout.Purchased;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Puts each purchase on the shelf, in a pantry transaction. */
@Component
public class Pantry {

    private final JdbcClient jdbc;
    /** The thread and transaction each call ran in. */
    private final List<String> calls = new CopyOnWriteArrayList<>();

    Pantry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(Purchased purchased) {
        calls.add(Thread.currentThread().getName() + " " + TransactionSynchronizationManager.isActualTransactionActive());
        jdbc.sql("insert into shelf (purchase_id, item) values (?, ?)").params(purchased.id(), purchased.item()).update();
    }

    public long count() {
        return jdbc.sql("select count(*) from shelf").query(Long.class).single();
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }
}
