package dev.contextdb;

import com.zaxxer.hikari.HikariDataSource;
import dev.contextdb.internal.ContextOverrides;
import dev.contextdb.internal.Plan;
import dev.contextdb.internal.Planner;
import dev.contextdb.internal.Settings;
import dev.contextdb.internal.Started;
import dev.contextdb.internal.Startup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;

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
 *
 * <p>The facade is short; the file is long because {@link Builder}, nested so that its name is
 * {@code ContextDb.Builder}, documents each setting with the property it stands for.
 */
public final class ContextDb implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ContextDb.class);

    private final ContextModel model;
    private final Started started;

    private ContextDb(ContextModel model, Started started) {
        this.model = model;
        this.started = started;
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
        return List.copyOf(started.placements().values());
    }

    /**
     * @param context a context name
     * @return where the context lives
     */
    public Placement placement(String context) {
        return known(started.placements(), context);
    }

    /**
     * @param context a context name
     * @return the context's own DataSource: its connections are on its database and schema
     */
    public DataSource dataSource(String context) {
        return known(started.dataSources(), context);
    }

    /**
     * @param context a context name
     * @return the context's transaction manager; it makes the context current while a transaction runs
     */
    public PlatformTransactionManager transactionManager(String context) {
        return known(started.transactionManagers(), context);
    }

    /**
     * @return the DataSource that serves whichever context is current (see {@link ContextScope})
     */
    public DataSource routingDataSource() {
        return started.routing();
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
        return started.routedContext(router);
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
        return started.routingTransactionManager();
    }

    /** @return the HikariCP pools, by pool name (see {@link Placement#pool()}) */
    public Map<String, HikariDataSource> pools() {
        return started.pools();
    }

    /** @return what each context's migration did at startup, by context; empty without Flyway */
    public Map<String, MigrationResult> migrations() {
        return started.migrations();
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
        known(started.placements(), context);
        Object flyway = started.flyways().apply(context);
        // Only a Flyway is ever kept here; without Flyway on the class path nothing is, and the
        // cast, the one use of Flyway's class, is never reached.
        return flyway == null ? Optional.empty() : Optional.of((org.flywaydb.core.Flyway) flyway);
    }

    /** Closes every pool, then drops the embedded database if it was built without a URL. */
    @Override
    public void close() {
        started.close();
    }

    private <T> T known(Map<String, T> byContext, String context) {
        T value = byContext.get(context);
        if (value == null) {
            throw new IllegalArgumentException("Unknown bounded context '" + context + "'; known contexts: "
                    + model.names());
        }
        return value;
    }

    /**
     * Settings for a {@link ContextDb}, named after the {@code context-db.*} properties that the
     * Spring Boot starter maps onto them.
     */
    public static final class Builder {

        private final ContextModel model;
        private IsolationStrategy strategy = IsolationStrategy.SCHEMA;
        private Pooling pooling = Pooling.PER_CONTEXT;
        private String url;
        private String username;
        private String password;
        private String defaultContext;
        private boolean migrate = true;
        private boolean roles;
        private Guard guard = Guard.WARN;
        private Integer startupThreads;
        private Integer maxConnectionsPerContext;
        private ClassLoader classLoader = ContextDb.class.getClassLoader();
        private final List<BiConsumer<String, AbstractPlatformTransactionManager>> transactionManagerCustomizers =
                new ArrayList<>();
        private final Map<String, Function<DataSource, ? extends AbstractPlatformTransactionManager>>
                resourceTransactionManagers = new LinkedHashMap<>();
        private final Map<String, String> pool = new LinkedHashMap<>();
        private final Map<String, ContextSettings> contexts = new LinkedHashMap<>();

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
         * Validates the settings, creates missing schemas, starts the pools and migrates: the
         * settings are frozen, a plan is made from them (where every configuration error surfaces,
         * before any connection is opened), the plan is started, and the result is handed out by
         * the {@link ContextDb}.
         * @return the running data layer
         * @throws ContextDbConfigurationException for invalid settings, before any connection is opened
         * @throws ContextDbMigrationException when a context's migration fails
         */
        public ContextDb build() {
            Settings settings = freeze();
            Plan plan = Planner.plan(model, settings);
            return new ContextDb(model, Startup.start(model, plan, settings));
        }

        ContextModel model() {
            return model;
        }

        /** The settings as they stand, frozen; {@link ContextMove} plans both ends from them. */
        Settings freeze() {
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
            Map<String, ContextOverrides> overrides = new LinkedHashMap<>();
            contexts.forEach((context, settings) -> overrides.put(context, settings.freeze()));
            return new Settings(strategy, pooling, url == null ? Settings.embeddedUrl() : url, url == null, username,
                    password, defaultContext, migrate, roles, guard, startupThreads, maxConnectionsPerContext,
                    classLoader, pool, overrides, transactionManagerCustomizers, resourceTransactionManagers);
        }
    }
}
