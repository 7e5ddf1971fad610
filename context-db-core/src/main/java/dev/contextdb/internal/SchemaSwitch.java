package dev.contextdb.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Remembers which schema each physical connection of one shared pool is on, so that a connection
 * is switched on checkout only when the borrowing context differs from the last one: zero round
 * trips when it is already right, one when it is not.
 *
 * <p>Keyed by the driver's physical connection (identity), not by the pool's per-checkout proxy.
 * Entries of connections the pool has since closed are purged when the map outgrows the pool.
 */
final class SchemaSwitch {

    private final Vendor vendor;
    private final int purgeAbove;
    private final Map<Connection, String> schemaOf = new ConcurrentHashMap<>();
    private final LongAdder switches = new LongAdder();

    /**
     * @param vendor the pool's database
     * @param maximumPoolSize the pool's size, to bound the map
     */
    public SchemaSwitch(Vendor vendor, int maximumPoolSize) {
        this.vendor = vendor;
        this.purgeAbove = 2 * maximumPoolSize + 8;
    }

    /**
     * Puts {@code pooled} on {@code schema} unless it is already there. On failure the connection
     * is closed (returned to its pool) and its remembered schema forgotten.
     */
    public void ensure(Connection pooled, String schema) throws SQLException {
        Connection physical = pooled.unwrap(Connection.class);
        String current = schemaOf.get(physical);
        if (current == schema || schema.equals(current)) {
            return;
        }
        try {
            vendor.switchTo(pooled, schema);
            switches.increment();
        } catch (SQLException | RuntimeException e) {
            schemaOf.remove(physical);
            try {
                pooled.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        if (schemaOf.put(physical, schema) == null && schemaOf.size() > purgeAbove) {
            purgeClosed();
        }
    }

    /** Forgets where a connection is, so that its next borrower switches it whatever it is on. */
    void forget(Connection pooled) {
        try {
            schemaOf.remove(pooled.unwrap(Connection.class));
        } catch (SQLException e) {
            schemaOf.clear(); // cannot tell which: forget them all, the next borrowers switch again
        }
    }

    /** @return how many times a connection was switched to another schema */
    public long switches() {
        return switches.sum();
    }

    private void purgeClosed() {
        schemaOf.keySet().removeIf(connection -> {
            try {
                return connection.isClosed();
            } catch (SQLException e) {
                return true;
            }
        });
    }
}
