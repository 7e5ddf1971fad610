package dev.contextdb;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.contextdb.PlacementResolver.ContextPlan;
import dev.contextdb.PlacementResolver.Plan;
import dev.contextdb.PlacementResolver.PoolPlan;
import dev.contextdb.internal.ContextDataSource;
import dev.contextdb.internal.ContextGuard;
import dev.contextdb.internal.ContextMigrations;
import dev.contextdb.internal.ContextRoutingDataSource;
import dev.contextdb.internal.ContextRoutingTransactionManager;
import dev.contextdb.internal.ContextTransactionManager;
import dev.contextdb.internal.Drivers;
import dev.contextdb.internal.SchemaSwitch;
import dev.contextdb.internal.SetupLock;
import dev.contextdb.internal.StartupTasks;
import dev.contextdb.internal.Vendor;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.util.ClassUtils;

/**
 * The running data layer of an application's bounded contexts: for every context its placement,
 * its own DataSource and transaction manager, its migrations applied, and one routing DataSource
 * for code that works in whichever context is current.
 *
 * <pre>{@code
 * try (ContextDb db = ContextDb.builder(ContextModel.scan("com.acme.shop"))
 *         .strategy(IsolationStrategy.SCHEMA)
 *         .datasource("jdbc:postgresql://localhost/shop", "shop", secret)
 *         .build()) {
 *     JdbcTemplate orders = new JdbcTemplate(db.dataSource("orders"));
 *     TransactionTemplate inOrders = new TransactionTemplate(db.transactionManager("orders"));
 *     inOrders.executeWithoutResult(tx -> orders.update("insert into purchase_order(id) values (1)"));
 * }
 * }</pre>
 *
 * {@link Builder#build()} validates every setting before it opens a connection, creates missing
 * schemas, starts the pools and migrates each context (in reads order) when Flyway is present.
 * If anything fails, whatever was started is closed again.
 */
public final class ContextDb implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ContextDb.class);
    private static final String FLYWAY = "org.flywaydb.core.Flyway";

    private final ContextModel model;
    private final Map<String, Placement> placements;
    private final Map<String, DataSource> dataSources;
    private final Map<String, PlatformTransactionManager> transactionManagers;
    private final Map<String, HikariDataSource> pools;
    private final Map<String, MigrationResult> migrations;
    private final Map<String, Object> migrators;
    /** Makes a context's Flyway, unrun, when the start did not migrate; {@code null} when it did or Flyway is absent. */
    private final Function<String, Object> unmigrated;
    private final ContextRoutingDataSource routing;
    private final ContextRoutingTransactionManager routingTransactionManager;
    private final Runnable dropEmbedded;

    private ContextDb(ContextModel model, Map<String, Placement> placements, Map<String, ? extends DataSource> dataSources,
            Map<String, PlatformTransactionManager> transactionManagers, Map<String, HikariDataSource> pools,
            Map<String, MigrationResult> migrations, Map<String, Object> migrators, Function<String, Object> unmigrated,
            ContextRoutingDataSource routing, ContextRoutingTransactionManager routingTransactionManager,
            Runnable dropEmbedded) {
        this.model = model;
        this.placements = placements;
        this.dataSources = Collections.unmodifiableMap(dataSources);
        this.transactionManagers = transactionManagers;
        this.pools = pools;
        this.migrations = migrations;
        this.migrators = migrators;
        this.unmigrated = unmigrated;
        this.routing = routing;
        this.routingTransactionManager = routingTransactionManager;
        this.dropEmbedded = dropEmbedded;
    }

    /**
     * @param model the application's contexts
     * @return a builder with the defaults: strategy {@code SCHEMA}, a pool per context, embedded H2
     */
    public static Builder builder(ContextModel model) {
        return new Builder(model);
    }

    /** @return the contexts */
    public ContextModel model() {
        return model;
    }

    /** @return every context's placement, in reads order */
    public List<Placement> placements() {
        return List.copyOf(placements.values());
    }

    /**
     * @param context a context name
     * @return where the context lives
     */
    public Placement placement(String context) {
        return known(placements, context);
    }

    /**
     * @param context a context name
     * @return the context's own DataSource: its connections are on its database and schema
     */
    public DataSource dataSource(String context) {
        return known(dataSources, context);
    }

    /**
     * @param context a context name
     * @return the context's transaction manager; it makes the context current while a transaction runs
     */
    public PlatformTransactionManager transactionManager(String context) {
        return known(transactionManagers, context);
    }

    /**
     * @return the DataSource that serves whichever context is current (see {@link ContextScope})
     */
    public DataSource routingDataSource() {
        return routing;
    }

    /**
     * The context that the routing beans serve on the calling thread now: the current context
     * (see {@link ContextScope}), else {@link Builder#defaultContext(String) the default context}.
     * For integrations that route by context as {@link #routingDataSource()} does, so that they
     * choose the same context and fail with the same message; the Spring Boot starter's routing
     * {@code EntityManager} uses it.
     *
     * <pre>{@code
     * ContextScope.call("orders", () -> db.routedContext("routing EntityManager"));   // "orders"
     * db.routedContext("routing EntityManager");   // IllegalStateException: No bounded context is current ...
     * }</pre>
     *
     * @param router what routes, named in the error, for example {@code "routing EntityManager"}
     * @return the context's name
     * @throws IllegalStateException when no context is current and no default context is set
     */
    public String routedContext(String router) {
        return routing.context(router);
    }

    /**
     * The transaction manager for code outside every context, as {@link #routingDataSource()} is
     * its DataSource: a transaction runs in the transaction manager of the context current when
     * it begins, else of {@link Builder#defaultContext(String) the default context}, and it fails
     * as the routing DataSource does when there is none. The Spring Boot starter makes it the
     * primary {@code transactionManager} bean.
     *
     * <pre>{@code
     * TransactionTemplate anywhere = new TransactionTemplate(db.routingTransactionManager());
     * ContextScope.run("orders", () -> anywhere.executeWithoutResult(tx -> placeOrder()));
     * }</pre>
     *
     * @return the transaction manager that serves whichever context is current
     */
    public PlatformTransactionManager routingTransactionManager() {
        return routingTransactionManager;
    }

    /** @return the HikariCP pools, by pool name (see {@link Placement#pool()}) */
    public Map<String, HikariDataSource> pools() {
        return Collections.unmodifiableMap(pools);
    }

    /** @return what each context's migration did at startup, by context; empty without Flyway */
    public Map<String, MigrationResult> migrations() {
        return Collections.unmodifiableMap(migrations);
    }

    /**
     * The Flyway instance that migrated a context at start-up, configured as it ran (locations,
     * schema, history table, the scripts it found), for {@code info()}, {@code validate()} or
     * {@code repair()}. It connects on connections of its own, with the context's credentials.
     * Built with {@code migrate(false)} ({@code context-db.flyway.enabled=false}), it is one
     * configured the same way that has run nothing: the way to repair a context whose migration
     * failed part-way, since a start that migrates fails until the history is repaired.
     *
     * <pre>{@code
     * db.flyway("orders").map(flyway -> flyway.info().current());
     * }</pre>
     *
     * @param context a context name
     * @return the instance, or empty when Flyway is not on the class path
     */
    public Optional<org.flywaydb.core.Flyway> flyway(String context) {
        known(placements, context);
        Object flyway = unmigrated == null ? migrators.get(context) : migrators.computeIfAbsent(context, unmigrated);
        // Only a Flyway is ever kept here; without Flyway on the class path nothing is, and the
        // cast, the one use of Flyway's class, is never reached.
        return flyway == null ? Optional.empty() : Optional.of((org.flywaydb.core.Flyway) flyway);
    }

    /** Closes every pool, then drops the embedded database if it was built without a URL. */
    @Override
    public void close() {
        closeAll(pools.values());
        dropEmbedded.run();
    }

    private <T> T known(Map<String, T> byContext, String context) {
        T value = byContext.get(context);
        if (value == null) {
            throw new IllegalArgumentException("Unknown bounded context '" + context + "'; known contexts: "
                    + model.names());
        }
        return value;
    }

    private static void closeAll(Iterable<HikariDataSource> pools) {
        for (HikariDataSource pool : pools) {
            pool.close();
        }
    }

    /**
     * Settings for a {@link ContextDb}, named after the {@code context-db.*} properties that the
     * Spring Boot starter maps onto them.
     */
    public static final class Builder {

        private final ContextModel model;
        IsolationStrategy strategy = IsolationStrategy.SCHEMA;
        Pooling pooling = Pooling.PER_CONTEXT;
        String url;
        String username;
        String password;
        String defaultContext;
        /** The embedded database's URL while building without a URL, else {@code null}. */
        String embeddedUrl;
        boolean migrate = true;
        boolean roles;
        Guard guard = Guard.WARN;
        Integer startupThreads;
        Integer maxConnectionsPerContext;
        ClassLoader classLoader = ContextDb.class.getClassLoader();
        private final List<BiConsumer<String, AbstractPlatformTransactionManager>> transactionManagerCustomizers =
                new ArrayList<>();
        private final Map<String, Function<DataSource, ? extends AbstractPlatformTransactionManager>>
                resourceTransactionManagers = new LinkedHashMap<>();
        /** The class loader's JDBC drivers, looked up once while building. */
        private Drivers drivers;
        final Map<String, String> pool = new LinkedHashMap<>();
        final Map<String, ContextSettings> contexts = new LinkedHashMap<>();

        private Builder(ContextModel model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /**
         * {@code context-db.strategy}: the strategy of every context that sets none; {@code SCHEMA} by default.
         * @param strategy the default strategy
         * @return this
         */
        public Builder strategy(IsolationStrategy strategy) {
            this.strategy = Objects.requireNonNull(strategy, "strategy");
            return this;
        }

        /**
         * {@code context-db.pooling}: a pool per {@code SCHEMA} context (default) or a single pool for them all.
         * @param pooling the pooling
         * @return this
         */
        @SuppressWarnings("deprecation")
        public Builder pooling(Pooling pooling) {
            Objects.requireNonNull(pooling, "pooling");
            if (pooling == Pooling.SHARED) {
                log.warn("context-db.pooling=single-pool is deprecated: it means one pool for the SCHEMA contexts, not the"
                        + " SHARED strategy's one schema. Write context-db.pooling=single-pool (Pooling.SINGLE_POOL);"
                        + " it does the same.");
                pooling = Pooling.SINGLE_POOL;
            }
            this.pooling = pooling;
            return this;
        }

        /**
         * {@code context-db.datasource.*}: the shared database of {@code SCHEMA} and {@code SHARED}
         * contexts; embedded H2 when unset.
         * @param url JDBC URL
         * @param username user
         * @param password password
         * @return this
         */
        public Builder datasource(String url, String username, String password) {
            this.url = url;
            this.username = username;
            this.password = password;
            return this;
        }

        /**
         * {@code context-db.pool.<property>}: a HikariCP setting for every pool (contexts may override).
         * @param property a {@code HikariConfig} property, for example {@code "maximumPoolSize"}
         * @param value its value
         * @return this
         */
        public Builder pool(String property, String value) {
            pool.put(property, value);
            return this;
        }

        /**
         * {@code context-db.default-context}: the context the routing DataSource serves when none is current.
         * @param context a context name, or {@code null} to fail instead (the default)
         * @return this
         */
        public Builder defaultContext(String context) {
            this.defaultContext = context;
            return this;
        }

        /**
         * {@code context-db.roles.enabled}: each {@code SCHEMA} or {@code SHARED} context connects as
         * its own database role (PostgreSQL) or user (MariaDB), named by
         * {@code context-db.contexts.<name>.datasource.username} or {@code cdb_<name>}, which may
         * change only its own schema's objects and read those of the contexts it declares in
         * {@code reads}. The shared database's user creates the roles and grants at startup.
         * @param roles whether to enforce isolation with roles
         * @return this
         */
        public Builder roles(boolean roles) {
            this.roles = roles;
            return this;
        }

        /**
         * {@code context-db.guard}: what happens when a context takes a connection while another
         * context's transaction is open on the thread; {@link Guard#WARN} by default.
         * @param guard the mode
         * @return this
         */
        public Builder guard(Guard guard) {
            this.guard = Objects.requireNonNull(guard, "guard");
            return this;
        }

        /**
         * {@code context-db.flyway.enabled}: whether to migrate each context at startup (when Flyway is present).
         * @param migrate whether to migrate
         * @return this
         */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /**
         * {@code context-db.startup-threads}: how many pools start, and how many contexts migrate,
         * at once. Contexts still migrate only after every context they read, and {@code SHARED}
         * contexts one after the other. By default one per processor (at least two) for database
         * servers, and 1 for embedded H2; 1 does everything one step at a time, in reads order.
         * @param threads at least 1
         * @return this
         */
        public Builder startupThreads(int threads) {
            if (threads < 1) {
                throw new ContextDbConfigurationException(null, "context-db.startup-threads",
                        "context-db.startup-threads = " + threads + " is not a number of threads.",
                        "set it to 1 or more, or remove it to use one per processor.");
            }
            this.startupThreads = threads;
            return this;
        }

        /**
         * {@code context-db.max-connections-per-context}: how many connections of a pool that it
         * shares with other contexts ({@code pooling=single-pool}, or the one pool of {@code SHARED}
         * contexts) one context may hold at once, so that a context under load cannot starve the
         * others. By default three quarters of the pool's {@code maximumPoolSize}, and always at
         * least one connection fewer than the pool (but at least 1). A context over its share waits
         * up to the pool's {@code connectionTimeout} for one of its connections to come back.
         * @param connections from 1 to the shared pool's {@code maximumPoolSize}
         * @return this
         */
        public Builder maxConnectionsPerContext(int connections) {
            if (connections < 1) {
                throw new ContextDbConfigurationException(null, "context-db.max-connections-per-context",
                        "context-db.max-connections-per-context = " + connections + " would let a context hold no"
                                + " connection of its shared pool.",
                        "set it to 1 or more (at most the shared pool's maximumPoolSize), or remove it for the default.");
            }
            this.maxConnectionsPerContext = connections;
            return this;
        }

        /**
         * @param classLoader where drivers and migrations are found
         * @return this
         */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /**
         * Adds a customizer of the Spring transaction manager underneath each context's transaction
         * manager ({@link DataSourceTransactionManager} unless
         * {@linkplain #resourceTransactionManager(String, Function) another is supplied}), for its
         * settings: default timeout, rollback on commit failure, execution listeners. Customizers run
         * in the order they were added, once per context: while {@link #build()} runs, or for a
         * supplied manager when it is created. Transactions must still go through
         * {@link ContextDb#transactionManager(String)}, which makes the context current; the Spring
         * Boot starter applies Boot's {@code spring.transaction.*} settings this way.
         *
         * <pre>{@code
         * ContextDb.builder(model)
         *         .transactionManagerCustomizer((context, manager) -> manager.setDefaultTimeout(30))
         *         .build();
         * }</pre>
         *
         * @param customizer called with each context's name and its manager underneath
         * @return this
         */
        public Builder transactionManagerCustomizer(BiConsumer<String, AbstractPlatformTransactionManager> customizer) {
            transactionManagerCustomizers.add(Objects.requireNonNull(customizer, "customizer"));
            return this;
        }

        /**
         * Supplies the Spring transaction manager underneath one context's transaction manager, in
         * place of {@link DataSourceTransactionManager}: for example a {@code JpaTransactionManager}
         * whose persistence unit runs on the context's DataSource, so that JPA and JDBC work of the
         * context share one transaction. The factory receives the context's DataSource and runs once,
         * at the context's first transaction, so it may use what is built on that DataSource after
         * {@link #build()}. {@link ContextDb#transactionManager(String)} stays the context's manager:
         * it makes the context current around the supplied one. The Spring Boot starter supplies a
         * {@code JpaTransactionManager} for every context with JPA entities.
         *
         * <pre>{@code
         * ContextDb.builder(model)
         *         .resourceTransactionManager("orders", dataSource -> {
         *             JpaTransactionManager manager = new JpaTransactionManager(ordersEntityManagerFactory);
         *             manager.setDataSource(dataSource);
         *             return manager;
         *         })
         *         .build();
         * }</pre>
         *
         * @param context a context of the model
         * @param factory creates the manager from the context's DataSource; it must bind that
         *     DataSource's connection (a {@code ResourceTransactionManager})
         * @return this
         */
        public Builder resourceTransactionManager(String context,
                Function<DataSource, ? extends AbstractPlatformTransactionManager> factory) {
            resourceTransactionManagers.put(Objects.requireNonNull(context, "context"),
                    Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /**
         * {@code context-db.contexts.<name>.*}: overrides for one context.
         * @param context the context name
         * @param settings what to set
         * @return this
         */
        public Builder context(String context, Consumer<ContextSettings> settings) {
            settings.accept(contexts.computeIfAbsent(context, name -> new ContextSettings()));
            return this;
        }

        /**
         * Validates the settings, creates missing schemas, starts the pools and migrates.
         * @return the running data layer
         * @throws ContextDbConfigurationException for invalid settings, before any connection is opened
         * @throws ContextDbMigrationException when a context's migration fails
         */
        public ContextDb build() {
            if (defaultContext != null && model.context(defaultContext).isEmpty()) {
                throw new ContextDbConfigurationException(defaultContext, "context-db.default-context",
                        "context-db.default-context = " + defaultContext + " names no declared context; declared: "
                                + model.names() + ".",
                        "set it to one of the declared contexts, or remove it.");
            }
            for (String context : resourceTransactionManagers.keySet()) {
                if (model.context(context).isEmpty()) {
                    throw new ContextDbConfigurationException(context, "resourceTransactionManager",
                            "A transaction manager was supplied for '" + context + "', which is no declared context;"
                                    + " declared: " + model.names() + ".",
                            "supply it for one of the declared contexts.");
                }
            }
            embeddedUrl = url == null ? PlacementResolver.embeddedUrl() : null;
            drivers = new Drivers(classLoader);
            Plan plan = PlacementResolver.resolve(model, this);
            StartupTasks tasks = new StartupTasks(startupThreads != null ? startupThreads : defaultThreads(plan),
                    classLoader);
            Map<String, HikariDataSource> started = new ConcurrentHashMap<>();
            try {
                if (roles) {
                    RoleSetup.apply(plan, drivers);
                }
                createSchemas(plan);
                Map<String, HikariDataSource> pools = startPools(plan, tasks, started);
                Map<String, SchemaSwitch> switches = new LinkedHashMap<>();
                ContextGuard contextGuard = new ContextGuard(guard);
                Map<String, ContextDataSource> dataSources = new LinkedHashMap<>();
                Map<String, PlatformTransactionManager> transactionManagers = new LinkedHashMap<>();
                Map<String, Placement> placements = new LinkedHashMap<>();
                for (ContextPlan context : plan.contexts()) {
                    PoolPlan poolPlan = plan.pools().get(context.poolName());
                    HikariDataSource pool = pools.get(poolPlan.name());
                    SchemaSwitch schemaSwitch = !context.switching() ? null : switches.computeIfAbsent(
                            poolPlan.name(), name -> new SchemaSwitch(context.vendor(), pool.getMaximumPoolSize()));
                    ContextDataSource dataSource = new ContextDataSource(context.name(), pool, context.vendor(),
                            context.switching() ? context.placement().schema() : null, schemaSwitch, contextGuard,
                            context.share(), pool.getConnectionTimeout());
                    dataSources.put(context.name(), dataSource);
                    transactionManagers.put(context.name(), transactionManager(context.name(), dataSource));
                    placements.put(context.name(), context.placement());
                }
                Map<String, Object> migrators = new ConcurrentHashMap<>();
                Map<String, MigrationResult> migrations = migrate
                        ? migrate(plan, tasks, migrators) : Map.of();
                ContextRoutingDataSource routing = new ContextRoutingDataSource(dataSources, defaultContext);
                ContextDb db = new ContextDb(model, placements, dataSources, transactionManagers, pools, migrations,
                        migrators, unmigrated(plan), routing,
                        new ContextRoutingTransactionManager(transactionManagers, defaultContext), dropEmbedded());
                placements.values().forEach(placement -> log.info("context-db {}", placement.describe()));
                return db;
            } catch (RuntimeException | Error e) {
                closeAll(started.values());
                dropEmbedded().run();
                throw e;
            }
        }

        private ContextTransactionManager transactionManager(String context, DataSource dataSource) {
            Consumer<AbstractPlatformTransactionManager> customize = manager -> transactionManagerCustomizers
                    .forEach(customizer -> customizer.accept(context, manager));
            Function<DataSource, ? extends AbstractPlatformTransactionManager> factory =
                    resourceTransactionManagers.get(context);
            return factory == null ? new ContextTransactionManager(context, dataSource, customize)
                    : new ContextTransactionManager(context, () -> factory.apply(dataSource), customize);
        }

        /**
         * Drops the in-memory database a ContextDb without a URL made for itself ({@code DB_CLOSE_DELAY=-1}
         * keeps it between connections, so it would outlive the ContextDb otherwise).
         */
        private Runnable dropEmbedded() {
            String embedded = embeddedUrl;
            if (embedded == null) {
                return () -> { };
            }
            String user = username;
            String secret = password;
            Drivers found = drivers;
            return () -> {
                // Should it be gone already, this makes an empty one and drops it at once.
                try (Connection connection = found.connect(embedded, user, secret);
                        Statement statement = connection.createStatement()) {
                    statement.execute("SHUTDOWN");
                } catch (SQLException e) {
                    log.debug("context-db could not drop its embedded database", e);
                }
            };
        }

        /**
         * An embedded H2 database runs on the application's own processors, where migrations at
         * once only compete (measured: slower than one after the other on two cores). A database
         * server is mostly waited for: at least two steps at once pay off even on one processor.
         */
        private static int defaultThreads(Plan plan) {
            boolean embedded = plan.pools().values().stream().allMatch(pool -> pool.vendor() == Vendor.H2
                    && !pool.url().startsWith("jdbc:h2:tcp:") && !pool.url().startsWith("jdbc:h2:ssl:"));
            return embedded ? 1 : Math.max(2, Runtime.getRuntime().availableProcessors());
        }

        /**
         * Starts every pool, several at once: each opens its first connection before it returns,
         * so that a wrong URL or password fails the start-up. Pools that started are recorded in
         * {@code started} as they start, for closing should another fail.
         */
        private Map<String, HikariDataSource> startPools(Plan plan, StartupTasks tasks,
                Map<String, HikariDataSource> started) {
            List<Callable<HikariDataSource>> steps = new ArrayList<>();
            for (PoolPlan poolPlan : plan.pools().values()) {
                steps.add(() -> {
                    HikariDataSource pool = startPool(poolPlan);
                    started.put(poolPlan.name(), pool);
                    return pool;
                });
            }
            List<HikariDataSource> list = tasks.runAll(steps);
            Map<String, HikariDataSource> pools = new LinkedHashMap<>();
            list.forEach(pool -> pools.put(pool.getPoolName(), pool));
            return pools;
        }

        /**
         * Migrates the contexts a level of the reads order at a time: a context only after every
         * context it reads. Within a level the contexts migrate at once, each on its own schema or
         * database; {@code SHARED} contexts, which share one schema and whose tables are told apart
         * by comparing it before and after, migrate one after the other as one step.
         */
        private Map<String, MigrationResult> migrate(Plan plan, StartupTasks tasks, Map<String, Object> migrators) {
            if (!ClassUtils.isPresent(FLYWAY, classLoader)) {
                log.debug("Flyway is not on the class path; contexts are not migrated");
                return Map.of();
            }
            ContextMigrations migrations = new ContextMigrations(classLoader);
            List<Placement> shared = plan.contexts().stream().map(ContextPlan::placement)
                    .filter(placement -> placement.strategy() == IsolationStrategy.SHARED).toList();
            Map<String, MigrationResult> results = new ConcurrentHashMap<>();
            for (List<ContextPlan> level : readsLevels(plan.contexts())) {
                List<Callable<Void>> steps = new ArrayList<>();
                List<ContextPlan> sharedOnes = new ArrayList<>();
                for (ContextPlan context : level) {
                    if (context.placement().strategy() == IsolationStrategy.SHARED) {
                        sharedOnes.add(context);
                    } else {
                        steps.add(() -> migrate(migrations, plan, context, shared, results, migrators));
                    }
                }
                if (!sharedOnes.isEmpty()) {
                    steps.add(0, () -> {
                        for (ContextPlan context : sharedOnes) {
                            migrate(migrations, plan, context, shared, results, migrators);
                        }
                        return null;
                    });
                }
                tasks.runAll(steps);
            }
            Map<String, MigrationResult> ordered = new LinkedHashMap<>();
            plan.contexts().forEach(context -> ordered.put(context.name(), results.get(context.name())));
            return ordered;
        }

        /**
         * Without migrations at start-up, a context's Flyway is made when first asked for: most
         * applications never ask, and one costs about a millisecond.
         */
        private Function<String, Object> unmigrated(Plan plan) {
            if (migrate || !ClassUtils.isPresent(FLYWAY, classLoader)) {
                return null;
            }
            ClassLoader loader = classLoader;
            return context -> {
                ContextPlan contextPlan = plan.contexts().stream().filter(candidate -> candidate.name().equals(context))
                        .findFirst().orElseThrow();
                return ContextMigrations.load(ContextMigrations.configure(contextPlan.placement(),
                        migrationDataSource(plan, contextPlan), loader));
            };
        }

        private Void migrate(ContextMigrations migrations, Plan plan, ContextPlan context, List<Placement> shared,
                Map<String, MigrationResult> results, Map<String, Object> migrators) {
            results.put(context.name(), migrations.migrate(context.placement(), migrationDataSource(plan, context),
                    shared, flyway -> migrators.put(context.name(), flyway)));
            return null;
        }

        /** The contexts grouped by depth in the reads graph: first those that read none, and so on. */
        private List<List<ContextPlan>> readsLevels(List<ContextPlan> contexts) {
            Map<String, Integer> depth = new LinkedHashMap<>();
            List<List<ContextPlan>> levels = new ArrayList<>();
            for (ContextPlan context : contexts) { // in reads order: what a context reads comes before it
                int level = 0;
                for (String read : model.context(context.name()).map(ContextDefinition::reads).orElse(List.of())) {
                    level = Math.max(level, depth.getOrDefault(read, -1) + 1);
                }
                depth.put(context.name(), level);
                while (levels.size() <= level) {
                    levels.add(new ArrayList<>());
                }
                levels.get(level).add(context);
            }
            return levels;
        }

        /**
         * Migrations get connections of their own, outside the context's pool: Flyway holds one
         * for its lock while it migrates on another, which a small pool could not serve, and it
         * sets the schema itself.
         */
        private DataSource migrationDataSource(Plan plan, ContextPlan context) {
            PoolPlan pool = plan.pools().get(context.poolName());
            try {
                return new SimpleDriverDataSource(drivers.forUrl(pool.url()), pool.url(), pool.username(),
                        pool.password());
            } catch (SQLException e) {
                throw new ContextDbConfigurationException(context.name(), "context-db.datasource.url",
                        "Context '" + context.name() + "': no JDBC driver for " + context.placement().url() + ".",
                        "add the database's JDBC driver to the class path.", e);
            }
        }

        /**
         * Creates missing schemas, on one connection per server and user rather than one per
         * context, each under the {@link SetupLock} while it works, so that instances starting at
         * once take turns rather than race to create the same schema. A connection's lock goes
         * before the next connection's is taken: two connections of this process to one server
         * would otherwise wait for each other.
         */
        private void createSchemas(Plan plan) {
            Map<List<String>, List<ContextPlan>> byConnection = new LinkedHashMap<>();
            for (ContextPlan context : plan.contexts()) {
                Placement placement = context.placement();
                if (placement.schema() == null || context.role() != null) {
                    continue; // roles: RoleSetup made the schema, as the administrator
                }
                PoolPlan pool = plan.pools().get(context.poolName());
                // A pool pinned to a schema cannot start before the schema exists (MariaDB, H2).
                // SCHEMA: the shared database's user makes it; DATABASE: the context's own user.
                boolean shared = placement.strategy() == IsolationStrategy.SCHEMA;
                String user = shared ? plan.admin().username() : pool.username();
                String secret = shared ? plan.admin().password() : pool.password();
                byConnection.computeIfAbsent(Arrays.asList(pool.baseUrl(), user, secret), key -> new ArrayList<>())
                        .add(context);
            }
            byConnection.forEach((key, contexts) -> createSchemas(key.get(0), key.get(1), key.get(2), contexts));
        }

        private void createSchemas(String url, String user, String secret, List<ContextPlan> contexts) {
            ContextPlan context = contexts.get(0);
            try (Connection connection = drivers.connect(url, user, secret);
                    SetupLock lock = SetupLock.acquire(context.vendor(), connection)) {
                for (ContextPlan each : contexts) {
                    context = each;
                    if (context.vendor().createIfMissing(connection, context.placement().schema())) {
                        log.info("context-db created schema {} for context {}", context.placement().schema(),
                                context.name());
                    }
                }
            } catch (SQLException e) {
                Placement placement = context.placement();
                throw new ContextDbConfigurationException(context.name(), "context-db.contexts." + context.name()
                        + ".schema", "Context '" + context.name() + "': could not create or find schema '"
                        + placement.schema() + "' on " + placement.url() + ": " + e.getMessage(),
                        "check that the database is reachable and that " + (user == null
                                ? "the user" : "user '" + user + "'")
                                + " may create schemas, or create the schema beforehand.", e);
            }
        }

        private HikariDataSource startPool(PoolPlan plan) {
            HikariConfig config = new HikariConfig(plan.hikari());
            if (config.getDriverClassName() == null) {
                try {
                    config.setDriverClassName(drivers.forUrl(plan.url()).getClass().getName());
                } catch (SQLException noDriver) {
                    // HikariCP reports the missing driver itself, naming the URL.
                }
            }
            config.setPoolName(plan.name());
            config.setJdbcUrl(plan.url());
            config.setUsername(plan.username());
            config.setPassword(plan.password());
            if (plan.pinnedSchema() != null) {
                plan.vendor().pin(config, plan.pinnedSchema());
            }
            return new HikariDataSource(config);
        }
    }
}
