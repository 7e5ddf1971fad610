package dev.contextdb.boot.observed.ledger;

import dev.contextdb.boot.observed.till.Sold;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Posts each sale, in a ledger transaction; the test holds {@link #post} at a gate (so that a
 * delivery stays pending) or makes it fail (so that it dies). {@link #tally} always succeeds.
 */
@Component
public class Ledger {

    /** Full name of {@link #post}'s listener id. */
    public static final String POST = "dev.contextdb.boot.observed.ledger.Ledger.post(dev.contextdb.boot.observed.till.Sold)";
    public static final String TALLY = "ledger-tally";

    private final JdbcClient jdbc;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile CountDownLatch entered = new CountDownLatch(1);
    private volatile boolean failing;

    Ledger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void post(Sold sold) throws InterruptedException {
        entered.countDown();
        if (!gate.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never opened the gate");
        }
        if (failing) {
            throw new IllegalStateException("ledger is closed for sale " + sold.id());
        }
        jdbc.sql("insert into posting (sale_id) values (?)").param(sold.id()).update();
    }

    @ApplicationModuleListener(id = TALLY)
    void tally(Sold sold) {
        jdbc.sql("insert into tally (sale_id) values (?)").param(sold.id()).update();
    }

    /** Holds the next deliveries to {@link #post} until {@link #open()}. */
    public void hold() {
        entered = new CountDownLatch(1);
        gate = new CountDownLatch(1);
    }

    /** Waits until a delivery to {@link #post} is held at the gate. */
    public void awaitHeld() throws InterruptedException {
        if (!entered.await(20, TimeUnit.SECONDS)) {
            throw new AssertionError("no delivery reached Ledger.post within 20 s");
        }
    }

    public void open() {
        gate.countDown();
    }

    public void failing(boolean failing) {
        this.failing = failing;
    }

    public long postings() {
        return jdbc.sql("select count(*) from posting").query(Long.class).single();
    }
}
