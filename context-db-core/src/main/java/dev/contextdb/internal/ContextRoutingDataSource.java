package dev.contextdb.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.core.InfrastructureProxy;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * The DataSource for code outside any context's own beans: it hands out the connections of the
 * current context ({@link dev.contextdb.ContextScope}, a context's transaction or bean).
 *
 * <p>It is an {@link InfrastructureProxy} for the current context's DataSource. Spring's
 * transaction synchronization therefore looks up (and binds) connections under the current
 * context's own DataSource: inside context A's transaction, {@code DataSourceUtils} on the router
 * returns A's transactional connection, and after switching to context B it returns B's — never
 * A's connection for B's work, which is what happens when a router is its own resource key.
 *
 * <p>It reads the thread's {@link ThreadState} once per connection, for the current context and
 * for the guard, and remembers its last choice there.
 */
final class ContextRoutingDataSource extends AbstractRoutingDataSource implements InfrastructureProxy {

    private final HashMap<String, ContextDataSource> lookup;
    private final List<String> names;
    private final String defaultContext;

    /**
     * @param targets each context's DataSource, by context name
     * @param defaultContext the context to use when none is current, or {@code null} to fail then
     */
    public ContextRoutingDataSource(Map<String, ContextDataSource> targets, String defaultContext) {
        // A HashMap, not Map.copyOf: its lookup masks the hash where the immutable map divides.
        this.lookup = new HashMap<>(targets);
        this.names = targets.keySet().stream().sorted().toList();
        this.defaultContext = defaultContext;
        setTargetDataSources(new LinkedHashMap<>(targets));
        setLenientFallback(false);
        afterPropertiesSet();
    }

    @Override
    protected Object determineCurrentLookupKey() {
        return key(ThreadState.get());
    }

    @Override
    public Connection getConnection() throws SQLException {
        // One read of the thread's state serves the routing and the context's guard.
        ThreadState state = ThreadState.get();
        return target(state).connect(state);
    }

    @Override
    protected DataSource determineTargetDataSource() {
        return target(ThreadState.get());
    }

    /**
     * @param router what routes by this choice, named in the error, for example {@code "routing EntityManager"}
     * @return the context this router serves on the calling thread now: the current one, else the default
     * @throws IllegalStateException when there is none, with the message of the routing DataSource
     */
    public String context(String router) {
        String key = key(ThreadState.get());
        if (key == null || !lookup.containsKey(key)) {
            throw ContextChoice.unavailable(key, router, names);
        }
        return key;
    }

    private String key(ThreadState state) {
        return ContextChoice.of(state == null ? null : state.current, defaultContext);
    }

    private ContextDataSource target(ThreadState state) {
        String key = key(state);
        // The thread's last choice, if it was this router's for this very context: a thread that
        // stays in one context skips the map (routing then costs what raw HikariCP does, measured).
        if (state != null && state.routedBy == this && state.routedKey == key) {
            return state.routedTo;
        }
        ContextDataSource target = key != null ? lookup.get(key) : null;
        if (target == null) {
            throw noTarget(key);
        }
        if (state != null) {
            state.routedBy = this;
            state.routedKey = key;
            state.routedTo = target;
        }
        return target;
    }

    /** Kept out of {@link #target(ThreadState)}, so that the lookup stays small enough to inline. */
    private IllegalStateException noTarget(String key) {
        return ContextChoice.unavailable(key, "routing DataSource", names);
    }

    @Override
    public Object getWrappedObject() {
        return determineTargetDataSource();
    }

    @Override
    public String toString() {
        return "ContextRoutingDataSource" + names;
    }
}
