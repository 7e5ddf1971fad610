package dev.contextdb.internal.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import javax.sql.DataSource;
import org.springframework.core.Ordered;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The events one transaction published into one context's outbox, written when the transaction
 * commits: a transaction that publishes pays one statement on PostgreSQL (two elsewhere) however
 * many events it publishes, instead of two statements per event at the moment of publication.
 *
 * <p>One instance per transaction and publishing context, registered with the transaction's
 * synchronizations and found there again by the next event, so that an inner
 * {@code REQUIRES_NEW} transaction, whose synchronizations are its own, collects its own events.
 *
 * <ul>
 * <li>{@link #beforeCommit}, ordered last, writes them on the transaction's connection: in the
 *     same transaction as the publisher's rows (JPA's flush comes after, in the commit itself), and
 *     a failure rolls the whole transaction back and reaches the caller of the commit.</li>
 * <li>A rollback discards them; so does the rollback to a savepoint ({@code NESTED}) of the
 *     events published after it.</li>
 * <li>An event published after this batch was written (by a synchronization ordered after it,
 *     such as a {@code BEFORE_COMMIT} transactional listener) is written at once, still in the
 *     transaction.</li>
 * <li>Deliveries that may skip the claim (those of events without a key, as many as the
 *     dispatcher has free worker slots for) are inserted already leased to this instance, and
 *     {@link #afterCommit} hands them straight to the workers; for the rest it wakes the
 *     dispatcher, which claims them. A rollback gives the reserved slots back.</li>
 * </ul>
 */
final class PendingEvents implements TransactionSynchronization {

    private final EventEngine engine;
    private final EventStore store;
    private final List<EventStore.Entry> entries = new ArrayList<>();
    /** How many events were collected when each savepoint seen here was set. */
    private final Map<Object, Integer> savepoints = new IdentityHashMap<>();
    private boolean written;
    /** Worker slots reserved for the deliveries leased at insertion, and those deliveries. */
    private int reserved;
    private long leaseUntil;
    private List<EventStore.Claimed> leased = List.of();
    /** Whether some delivery was stored without a lease: the dispatcher must claim it. */
    private boolean unleased;

    private PendingEvents(EventEngine engine, EventStore store) {
        this.engine = engine;
        this.store = store;
    }

    /**
     * @return the current transaction's batch for the store, registered with the transaction at
     *     its first event
     */
    static PendingEvents of(EventEngine engine, EventStore store) {
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof PendingEvents pending && pending.engine == engine && pending.store == store) {
                return pending;
            }
        }
        PendingEvents pending = new PendingEvents(engine, store);
        TransactionSynchronizationManager.registerSynchronization(pending);
        return pending;
    }

    /** Collects the event, or writes it at once when the batch was written already. */
    void add(EventStore.Entry entry) {
        if (written) {
            write(List.of(entry), EventStore.Lease.NONE);
        } else {
            entries.add(entry);
        }
    }

    @Override
    public int getOrder() {
        // Last: events published by other synchronizations' beforeCommit are in the batch.
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void savepoint(Object savepoint) {
        savepoints.put(savepoint, entries.size());
    }

    @Override
    public void savepointRollback(Object savepoint) {
        // A savepoint not seen here was set before the first event: every event came after it.
        Integer mark = savepoints.get(savepoint);
        entries.subList(mark == null ? 0 : mark, entries.size()).clear();
    }

    @Override
    public void beforeCommit(boolean readOnly) {
        written = true;
        if (!entries.isEmpty()) {
            EventStore.Lease lease = lease();
            leased = write(entries, lease);
            entries.clear();
        }
    }

    /**
     * Reserves worker slots for this transaction's deliveries that can skip the claim, and leases
     * them to this instance for as long as a claim would.
     */
    private EventStore.Lease lease() {
        int candidates = 0;
        for (EventStore.Entry entry : entries) {
            if (EventStore.Lease.covers(entry)) {
                candidates += entry.targets().size();
            }
        }
        reserved = engine.dispatcher().reserve(candidates);
        if (reserved == 0) {
            return EventStore.Lease.NONE;
        }
        leaseUntil = System.currentTimeMillis() + engine.settings().lease().toMillis();
        return new EventStore.Lease(engine.settings().instanceId(), leaseUntil, reserved);
    }

    @Override
    public void afterCommit() {
        if (reserved > 0) {
            int slots = reserved;
            reserved = 0;
            engine.dispatcher().handOver(store.context(), leased, leaseUntil, slots);
        }
        if (unleased) {
            engine.wake(store.context());
        }
    }

    @Override
    public void afterCompletion(int status) {
        // Rolled back (or committed without afterCommit's turn): the reserved slots are free again.
        engine.dispatcher().release(reserved);
        reserved = 0;
        if (status == STATUS_COMMITTED && !entries.isEmpty()) {
            // Registered while the transaction was committing, after the synchronizations' turn:
            // the events come in a transaction of their own, right after it.
            engine.storeAfterCommit(store, List.copyOf(entries));
        }
        entries.clear();
    }

    private List<EventStore.Claimed> write(List<EventStore.Entry> batch, EventStore.Lease lease) {
        DataSource dataSource = store.dataSource();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            List<EventStore.Claimed> taken = store.append(connection, batch, lease);
            int deliveries = batch.stream().mapToInt(entry -> entry.targets().size()).sum();
            if (taken.size() < deliveries) {
                unleased = true;
            }
            return taken;
        } catch (SQLException e) {
            throw new IllegalStateException("Context '" + store.context() + "' could not store " + describe(batch)
                    + " in its outbox (" + store.tables().outbox() + "), so its transaction is rolled back: "
                    + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** @return "event a.B" or "3 events (a.B, a.C)" */
    static String describe(List<EventStore.Entry> batch) {
        if (batch.size() == 1) {
            return "event " + batch.get(0).type();
        }
        StringJoiner types = new StringJoiner(", ", " (", ")");
        batch.stream().map(EventStore.Entry::type).distinct().forEach(types::add);
        return batch.size() + " events" + types;
    }
}
