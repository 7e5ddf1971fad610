package dev.contextdb.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.contextdb.ContextModel;
import dev.contextdb.MigrationResult;
import dev.contextdb.Placement;
import dev.contextdb.internal.Plan.ContextPlan;
import dev.contextdb.internal.Plan.PoolPlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;

/**
 * Carries out a {@link Plan}: roles, schemas, pools (several at once), each context's DataSource
 * and transaction manager, migrations in reads order, routing. If any step fails, whatever was
 * started is closed again and the embedded database dropped, so nothing is half-applied.
 */
public final class Startup {

    private static final Logger log = LoggerFactory.getLogger(Startup.class);

    private final ContextModel model;
    private final Plan plan;
    private final Settings settings;
    private final Drivers drivers;

    private Startup(ContextModel model, Plan plan, Settings settings) {
        this.model = model;
        this.plan = plan;
        this.settings = settings;
        this.drivers = new Drivers(settings.classLoader());
    }

    /**
     * @param model the contexts
     * @param plan what to start
     * @param settings the settings the plan was made from
     * @return what was started
     */
    public static Started start(ContextModel model, Plan plan, Settings settings) {
        return new Startup(model, plan, settings).start();
    }

    private Started start() {
        StartupTasks tasks = new StartupTasks(settings.startupThreads() != null ? settings.startupThreads()
                : defaultThreads(), settings.classLoader());
        Map<String, HikariDataSource> started = new ConcurrentHashMap<>();
        try {
            if (settings.roles()) {
                RoleSetup.apply(plan, drivers);
            }
            SchemaSetup.apply(plan, drivers);
            Map<String, HikariDataSource> pools = startPools(tasks, started);
            Map<String, ContextDataSource> dataSources = dataSources(pools);
            Map<String, PlatformTransactionManager> transactionManagers = new LinkedHashMap<>();
            Map<String, Placement> placements = new LinkedHashMap<>();
            for (ContextPlan context : plan.contexts()) {
                transactionManagers.put(context.name(), transactionManager(context.name(),
                        dataSources.get(context.name())));
                placements.put(context.name(), context.placement());
            }
            MigrationRun migrationRun = new MigrationRun(model, plan, drivers, settings.classLoader());
            Map<String, MigrationResult> migrations = settings.migrate() ? migrationRun.migrate(tasks) : Map.of();
            placements.values().forEach(placement -> log.info("context-db {}", placement.describe()));
            return new Started(Collections.unmodifiableMap(placements),
                    Collections.<String, DataSource>unmodifiableMap(dataSources),
                    Collections.unmodifiableMap(transactionManagers), Collections.unmodifiableMap(pools),
                    Collections.unmodifiableMap(migrations), migrationRun.flyways(settings.migrate()),
                    new ContextRoutingDataSource(dataSources, settings.defaultContext()),
                    new ContextRoutingTransactionManager(transactionManagers, settings.defaultContext()),
                    dropEmbedded());
        } catch (RuntimeException | Error e) {
            closeAll(started.values());
            dropEmbedded().run();
            throw e;
        }
    }

    /** Each context's DataSource on its pool, reaching its schema as the plan says. */
    private Map<String, ContextDataSource> dataSources(Map<String, HikariDataSource> pools) {
        GuardCheck guard = new GuardCheck(settings.guard());
        Map<String, SchemaSwitch> switches = new LinkedHashMap<>();
        Map<String, ContextDataSource> dataSources = new LinkedHashMap<>();
        for (ContextPlan context : plan.contexts()) {
            HikariDataSource pool = pools.get(context.poolName());
            String switchedTo = context.access() instanceof SchemaAccess.Switched switched ? switched.schema() : null;
            SchemaSwitch schemaSwitch = switchedTo == null ? null : switches.computeIfAbsent(context.poolName(),
                    name -> new SchemaSwitch(context.vendor(), pool.getMaximumPoolSize()));
            dataSources.put(context.name(), new ContextDataSource(context.name(), pool, context.vendor(), switchedTo,
                    schemaSwitch, guard, context.share(), pool.getConnectionTimeout()));
        }
        return dataSources;
    }

    private ContextTransactionManager transactionManager(String context, DataSource dataSource) {
        Consumer<AbstractPlatformTransactionManager> customize = manager -> settings.transactionManagerCustomizers()
                .forEach(customizer -> customizer.accept(context, manager));
        Function<DataSource, ? extends AbstractPlatformTransactionManager> factory =
                settings.resourceTransactionManagers().get(context);
        return factory == null ? new ContextTransactionManager(context, dataSource, customize)
                : new ContextTransactionManager(context, () -> factory.apply(dataSource), customize);
    }

    /**
     * An embedded H2 database runs on the application's own processors, where migrations at
     * once only compete (measured: slower than one after the other on two cores). A database
     * server is mostly waited for: at least two steps at once pay off even on one processor.
     */
    private int defaultThreads() {
        boolean embedded = plan.pools().values().stream().allMatch(pool -> pool.vendor() == Vendor.H2
                && !pool.url().startsWith("jdbc:h2:tcp:") && !pool.url().startsWith("jdbc:h2:ssl:"));
        return embedded ? 1 : Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Starts every pool, several at once: each opens its first connection before it returns,
     * so that a wrong URL or password fails the start-up. Pools that started are recorded in
     * {@code started} as they start, for closing should another fail.
     */
    private Map<String, HikariDataSource> startPools(StartupTasks tasks, Map<String, HikariDataSource> started) {
        List<Callable<HikariDataSource>> steps = new ArrayList<>();
        for (PoolPlan poolPlan : plan.pools().values()) {
            steps.add(() -> {
                HikariDataSource pool = startPool(poolPlan);
                started.put(poolPlan.name(), pool);
                return pool;
            });
        }
        Map<String, HikariDataSource> pools = new LinkedHashMap<>();
        tasks.runAll(steps).forEach(pool -> pools.put(pool.getPoolName(), pool));
        return pools;
    }

    private HikariDataSource startPool(PoolPlan pool) {
        HikariConfig config = new HikariConfig(pool.hikari());
        if (config.getDriverClassName() == null) {
            try {
                config.setDriverClassName(drivers.forUrl(pool.url()).getClass().getName());
            } catch (SQLException noDriver) {
                // HikariCP reports the missing driver itself, naming the URL.
            }
        }
        config.setPoolName(pool.name());
        config.setJdbcUrl(pool.url());
        config.setUsername(pool.username());
        config.setPassword(pool.password());
        if (pool.pinnedSchema() != null) {
            pool.vendor().pin(config, pool.pinnedSchema());
        }
        return new HikariDataSource(config);
    }

    /**
     * Drops the in-memory database a data layer built without a URL made for itself
     * ({@code DB_CLOSE_DELAY=-1} keeps it between connections, so it would outlive the data layer
     * otherwise).
     */
    private Runnable dropEmbedded() {
        if (!settings.embedded()) {
            return () -> { };
        }
        String embedded = settings.sharedUrl();
        return () -> {
            // Should it be gone already, this makes an empty one and drops it at once.
            try (Connection connection = drivers.connect(embedded, settings.username(), settings.password());
                    Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            } catch (SQLException e) {
                log.debug("context-db could not drop its embedded database", e);
            }
        };
    }

    static void closeAll(Iterable<HikariDataSource> pools) {
        for (HikariDataSource pool : pools) {
            pool.close();
        }
    }
}
