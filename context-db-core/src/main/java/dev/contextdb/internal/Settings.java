package dev.contextdb.internal;

import dev.contextdb.Guard;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.Pooling;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;

/**
 * The settings of a data layer, frozen when {@code ContextDb.Builder#build()} runs: the first step
 * of the start-up ({@link Planner} plans from them, {@link Startup} starts what the plan says).
 * Named after the {@code context-db.*} properties.
 *
 * @param strategy {@code context-db.strategy}
 * @param pooling {@code context-db.pooling}
 * @param sharedUrl {@code context-db.datasource.url}, or the embedded database made for this data layer
 * @param embedded whether {@code sharedUrl} is that embedded database, dropped on close
 * @param username {@code context-db.datasource.username}
 * @param password {@code context-db.datasource.password}
 * @param defaultContext {@code context-db.default-context}, or {@code null}
 * @param migrate {@code context-db.flyway.enabled}
 * @param roles {@code context-db.roles.enabled}
 * @param guard {@code context-db.guard}
 * @param startupThreads {@code context-db.startup-threads}, or {@code null} for the default
 * @param maxConnectionsPerContext {@code context-db.max-connections-per-context}, or {@code null} for the default
 * @param classLoader where drivers and migrations are found
 * @param pool {@code context-db.pool.*}
 * @param contexts {@code context-db.contexts.*}, by context
 * @param transactionManagerCustomizers applied to the Spring manager underneath each context's
 * @param resourceTransactionManagers the Spring manager underneath a context's, where not Spring's
 *     {@code DataSourceTransactionManager}
 */
public record Settings(IsolationStrategy strategy, Pooling pooling, String sharedUrl, boolean embedded,
        String username, String password, String defaultContext, boolean migrate, boolean roles, Guard guard,
        Integer startupThreads, Integer maxConnectionsPerContext, ClassLoader classLoader, Map<String, String> pool,
        Map<String, ContextOverrides> contexts,
        List<BiConsumer<String, AbstractPlatformTransactionManager>> transactionManagerCustomizers,
        Map<String, Function<DataSource, ? extends AbstractPlatformTransactionManager>> resourceTransactionManagers) {

    /** Copies the collections, keeping their order. */
    public Settings {
        pool = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pool));
        contexts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(contexts));
        transactionManagerCustomizers = List.copyOf(transactionManagerCustomizers);
        resourceTransactionManagers = java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(resourceTransactionManagers));
    }

    /**
     * @return a new in-memory H2 database's URL, for a data layer built without one: its own, kept
     *     between connections until the data layer closes
     */
    public static String embeddedUrl() {
        return "jdbc:h2:mem:contextdb-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    /**
     * @param context a context name
     * @return its overrides, or none
     */
    ContextOverrides context(String context) {
        return contexts.getOrDefault(context, ContextOverrides.NONE);
    }
}
