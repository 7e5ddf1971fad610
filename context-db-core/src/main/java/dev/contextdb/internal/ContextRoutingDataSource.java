package dev.contextdb.internal;

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
 */
public final class ContextRoutingDataSource extends AbstractRoutingDataSource implements InfrastructureProxy {

    private final Map<String, DataSource> targets;
    private final List<String> names;
    private final String defaultContext;

    /**
     * @param targets each context's DataSource, by context name
     * @param defaultContext the context to use when none is current, or {@code null} to fail then
     */
    public ContextRoutingDataSource(Map<String, DataSource> targets, String defaultContext) {
        this.targets = Map.copyOf(targets);
        this.names = targets.keySet().stream().sorted().toList();
        this.defaultContext = defaultContext;
        setTargetDataSources(new LinkedHashMap<>(targets));
        setLenientFallback(false);
        afterPropertiesSet();
    }

    @Override
    protected Object determineCurrentLookupKey() {
        String current = CurrentContext.get();
        return current != null ? current : defaultContext;
    }

    @Override
    protected DataSource determineTargetDataSource() {
        String key = (String) determineCurrentLookupKey();
        if (key == null) {
            throw new IllegalStateException("No bounded context is current on thread '" + Thread.currentThread().getName()
                    + "', so the routing DataSource cannot choose a database. Enter one with ContextScope.run(\"<context>\", ...),"
                    + " call the code through a bean or @Transactional method of its context, inject the context's own"
                    + " DataSource, or set context-db.default-context. Contexts: " + names + ".");
        }
        DataSource target = targets.get(key);
        if (target == null) {
            throw new IllegalStateException("Unknown bounded context '" + key + "' is current on thread '"
                    + Thread.currentThread().getName() + "'; known contexts: " + names
                    + ". Check the name given to ContextScope.");
        }
        return target;
    }

    @Override
    public Object getWrappedObject() {
        return determineTargetDataSource();
    }

    /** @return each context's DataSource, by name */
    public Map<String, DataSource> targets() {
        return targets;
    }

    @Override
    public String toString() {
        return "ContextRoutingDataSource" + targets.keySet();
    }
}
