package dev.contextdb.boot;

import dev.contextdb.Guard;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.Pooling;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.IgnoreErrorsBindHandler;
import org.springframework.core.env.Environment;

/**
 * The {@code context-db.*} properties: the default strategy, the shared database, and overrides
 * per bounded context.
 *
 * <pre>
 * context-db:
 *   strategy: schema                      # database | schema | shared
 *   datasource:                           # else spring.datasource.*, else embedded H2
 *     url: jdbc:postgresql://db/shop
 *     username: shop
 *     password: ${SHOP_DB_PASSWORD}
 *   pool:
 *     maximum-pool-size: 5                # any HikariCP setting, for every pool
 *   contexts:
 *     billing:
 *       strategy: database
 *       datasource:
 *         url: jdbc:postgresql://billing-db/billing
 *         username: billing
 *         password: ${BILLING_DB_PASSWORD}
 *       pool:
 *         maximum-pool-size: 3
 * </pre>
 */
@ConfigurationProperties(ContextDbProperties.PREFIX)
public class ContextDbProperties {

    static final String PREFIX = "context-db";

    /** Whether context-db wires the bounded contexts; with false the starter steps aside entirely. */
    private boolean enabled = true;

    /** The isolation strategy of every context that does not set its own. */
    private IsolationStrategy strategy = IsolationStrategy.SCHEMA;

    /**
     * How SCHEMA contexts on the shared database get connections: a pool per context pinned to
     * its schema (per-context), or one pool whose connections switch schema on checkout
     * (single-pool; the earlier value shared still works, with a warning).
     */
    private Pooling pooling = Pooling.PER_CONTEXT;

    /**
     * Packages scanned for @BoundedContext (package-info.java or types). Defaults to the
     * application's auto-configuration packages (the package of the @SpringBootApplication class).
     */
    private List<String> basePackages = new ArrayList<>();

    /**
     * The context the routing (primary) DataSource and transaction manager serve when no context
     * is current. Unset, code outside every context must enter one with ContextScope.
     */
    private String defaultContext;

    /**
     * What happens when a context takes a connection while another context's transaction is open
     * on the thread: fail, warn (log once per call site) or allow.
     */
    private Guard guard = Guard.WARN;

    /**
     * How many pools start, and how many contexts migrate, at once; a context still migrates only
     * after the contexts it reads. Unset: one per processor, at least 2, for database servers, and 1
     * for embedded H2. 1: one step at a time, in reads order.
     */
    private Integer startupThreads;

    /**
     * How many connections of a pool shared by several contexts (pooling=single-pool, or the one pool
     * of SHARED contexts) one context may hold at once, so that a context under load cannot starve
     * the others. Unset: three quarters of the pool's maximum-pool-size, and at least one
     * connection fewer than the pool. A context over its share waits up to the pool's
     * connection-timeout.
     */
    private Integer maxConnectionsPerContext;

    /**
     * Whether a call of a public method of a bean whose class belongs to a context makes that
     * context current for the call (such beans are proxied), so the routing DataSource serves it
     * and work called from another context's transaction stays out of that transaction.
     */
    private boolean enterOnBeanCall = true;

    /** The shared database of SCHEMA and SHARED contexts. */
    private final DataSource datasource = new DataSource();

    /**
     * HikariCP settings for every pool, by HikariConfig property (maximum-pool-size,
     * connection-timeout, ...); contexts may override them.
     */
    private Map<String, String> pool = new LinkedHashMap<>();

    /** Database roles per context. */
    private final Roles roles = new Roles();

    /** Flyway migrations per context. */
    private final Flyway flyway = new Flyway();

    /** Events between contexts: the outbox, delivery and inbox of @ApplicationModuleListener events. */
    private final Events events = new Events();

    /** Overrides per bounded context, by context name. */
    private Map<String, Context> contexts = new LinkedHashMap<>();

    /**
     * The properties for what the starter decides before this class is bound as a bean: whether
     * the application has contexts (base packages) and which beans to register (enter on bean
     * call). A bad value is skipped here, so that the bean's own binding reports it with its
     * property, as it does for every other value. {@code enabled} is read by
     * {@code @ConditionalOnBooleanProperty}, Boot's way for the switch of an auto-configuration.
     */
    static ContextDbProperties bind(Environment environment) {
        return Binder.get(environment).bindOrCreate(PREFIX, Bindable.of(ContextDbProperties.class),
                new IgnoreErrorsBindHandler());
    }

    /** @return {@code context-db.enabled} */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled {@code context-db.enabled} */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** @return {@code context-db.strategy} */
    public IsolationStrategy getStrategy() {
        return strategy;
    }

    /** @param strategy {@code context-db.strategy} */
    public void setStrategy(IsolationStrategy strategy) {
        this.strategy = strategy;
    }

    /** @return {@code context-db.pooling} */
    public Pooling getPooling() {
        return pooling;
    }

    /** @param pooling {@code context-db.pooling} */
    public void setPooling(Pooling pooling) {
        this.pooling = pooling;
    }

    /** @return {@code context-db.base-packages} */
    public List<String> getBasePackages() {
        return basePackages;
    }

    /** @param basePackages {@code context-db.base-packages} */
    public void setBasePackages(List<String> basePackages) {
        this.basePackages = basePackages;
    }

    /** @return {@code context-db.default-context} */
    public String getDefaultContext() {
        return defaultContext;
    }

    /** @param defaultContext {@code context-db.default-context} */
    public void setDefaultContext(String defaultContext) {
        this.defaultContext = defaultContext;
    }

    /** @return {@code context-db.startup-threads} */
    public Integer getStartupThreads() {
        return startupThreads;
    }

    /** @param startupThreads {@code context-db.startup-threads} */
    public void setStartupThreads(Integer startupThreads) {
        this.startupThreads = startupThreads;
    }

    /** @return {@code context-db.max-connections-per-context} */
    public Integer getMaxConnectionsPerContext() {
        return maxConnectionsPerContext;
    }

    /** @param maxConnectionsPerContext {@code context-db.max-connections-per-context} */
    public void setMaxConnectionsPerContext(Integer maxConnectionsPerContext) {
        this.maxConnectionsPerContext = maxConnectionsPerContext;
    }

    /** @return {@code context-db.guard} */
    public Guard getGuard() {
        return guard;
    }

    /** @param guard {@code context-db.guard} */
    public void setGuard(Guard guard) {
        this.guard = guard;
    }

    /** @return {@code context-db.enter-on-bean-call} */
    public boolean isEnterOnBeanCall() {
        return enterOnBeanCall;
    }

    /** @param enterOnBeanCall {@code context-db.enter-on-bean-call} */
    public void setEnterOnBeanCall(boolean enterOnBeanCall) {
        this.enterOnBeanCall = enterOnBeanCall;
    }

    /** @return {@code context-db.datasource} */
    public DataSource getDatasource() {
        return datasource;
    }

    /** @return {@code context-db.pool} */
    public Map<String, String> getPool() {
        return pool;
    }

    /** @param pool {@code context-db.pool} */
    public void setPool(Map<String, String> pool) {
        this.pool = pool;
    }

    /** @return {@code context-db.roles} */
    public Roles getRoles() {
        return roles;
    }

    /** @return {@code context-db.flyway} */
    public Flyway getFlyway() {
        return flyway;
    }

    /** @return {@code context-db.events} */
    public Events getEvents() {
        return events;
    }

    /** @return {@code context-db.contexts} */
    public Map<String, Context> getContexts() {
        return contexts;
    }

    /** @param contexts {@code context-db.contexts} */
    public void setContexts(Map<String, Context> contexts) {
        this.contexts = contexts;
    }

    /** Connection settings of a database. */
    public static class DataSource {

        /** JDBC URL (jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql: or jdbc:h2:). */
        private String url;

        /** Login user of the database. */
        private String username;

        /** Login password of the database. */
        private String password;

        /** @return {@code context-db[.contexts.<name>].datasource.url} */
        public String getUrl() {
            return url;
        }

        /** @param url {@code context-db[.contexts.<name>].datasource.url} */
        public void setUrl(String url) {
            this.url = url;
        }

        /** @return {@code context-db[.contexts.<name>].datasource.username} */
        public String getUsername() {
            return username;
        }

        /** @param username {@code context-db[.contexts.<name>].datasource.username} */
        public void setUsername(String username) {
            this.username = username;
        }

        /** @return {@code context-db[.contexts.<name>].datasource.password} */
        public String getPassword() {
            return password;
        }

        /** @param password {@code context-db[.contexts.<name>].datasource.password} */
        public void setPassword(String password) {
            this.password = password;
        }
    }

    /** Database-enforced isolation. */
    public static class Roles {

        /**
         * Whether each SCHEMA (PostgreSQL, MariaDB) or SHARED (PostgreSQL) context connects as a
         * role of its own that may change only its own tables and read those of its declared reads.
         */
        private boolean enabled;

        /** @return {@code context-db.roles.enabled} */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled {@code context-db.roles.enabled} */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** Migrations at startup. */
    public static class Flyway {

        /**
         * Whether each context is migrated at startup, in reads order, when Flyway is on the
         * class path. The per-context Flyway beans exist either way.
         */
        private boolean enabled = true;

        /** @return {@code context-db.flyway.enabled} */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled {@code context-db.flyway.enabled} */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** Overrides for one context. */
    public static class Context {

        /** This context's isolation strategy, overriding context-db.strategy. */
        private IsolationStrategy strategy;

        /**
         * The context's schema (MariaDB: database) under SCHEMA, defaulting to the context name;
         * under DATABASE an optional schema inside the context's own database.
         */
        private String schema;

        /**
         * The context's own database (required under DATABASE); under SCHEMA only the credentials
         * may differ from the shared database's.
         */
        private final DataSource datasource = new DataSource();

        /** HikariCP settings of this context's own pool, overriding context-db.pool.*. */
        private Map<String, String> pool = new LinkedHashMap<>();

        /** Flyway settings of this context. */
        private final ContextFlyway flyway = new ContextFlyway();

        /** JPA settings of this context's persistence unit, when it has entities. */
        private final ContextJpa jpa = new ContextJpa();

        /** @return {@code context-db.contexts.<name>.strategy} */
        public IsolationStrategy getStrategy() {
            return strategy;
        }

        /** @param strategy {@code context-db.contexts.<name>.strategy} */
        public void setStrategy(IsolationStrategy strategy) {
            this.strategy = strategy;
        }

        /** @return {@code context-db.contexts.<name>.schema} */
        public String getSchema() {
            return schema;
        }

        /** @param schema {@code context-db.contexts.<name>.schema} */
        public void setSchema(String schema) {
            this.schema = schema;
        }

        /** @return {@code context-db.contexts.<name>.datasource} */
        public DataSource getDatasource() {
            return datasource;
        }

        /** @return {@code context-db.contexts.<name>.pool} */
        public Map<String, String> getPool() {
            return pool;
        }

        /** @param pool {@code context-db.contexts.<name>.pool} */
        public void setPool(Map<String, String> pool) {
            this.pool = pool;
        }

        /** @return {@code context-db.contexts.<name>.flyway} */
        public ContextFlyway getFlyway() {
            return flyway;
        }

        /** @return {@code context-db.contexts.<name>.jpa} */
        public ContextJpa getJpa() {
            return jpa;
        }
    }

    /** JPA settings of one context's persistence unit. */
    public static class ContextJpa {

        /**
         * JPA and Hibernate properties of this context's persistence unit, over spring.jpa.properties.*
         * (for example hibernate.jdbc.batch_size or hibernate.hbm2ddl.auto=validate).
         */
        private Map<String, String> properties = new LinkedHashMap<>();

        /** @return {@code context-db.contexts.<name>.jpa.properties} */
        public Map<String, String> getProperties() {
            return properties;
        }

        /** @param properties {@code context-db.contexts.<name>.jpa.properties} */
        public void setProperties(Map<String, String> properties) {
            this.properties = properties;
        }
    }

    /** Flyway settings of one context. */
    public static class ContextFlyway {

        /** Where the context's migrations are; defaults to classpath:db/migration/{context}. */
        private List<String> locations = new ArrayList<>();

        /** @return {@code context-db.contexts.<name>.flyway.locations} */
        public List<String> getLocations() {
            return locations;
        }

        /** @param locations {@code context-db.contexts.<name>.flyway.locations} */
        public void setLocations(List<String> locations) {
            this.locations = locations;
        }
    }
    /** {@code context-db.events.*}: events between contexts. */
    public static class Events {

        /**
         * Whether events that @ApplicationModuleListener methods listen to go through each
         * publishing context's outbox (with Spring Modulith's events API on the class path).
         */
        private boolean enabled = true;

        /** Attempts of a delivery to one listener before it is dead (listed, resubmittable). */
        private int maxAttempts = 5;

        /** The wait before a retry. */
        private final Backoff backoff = new Backoff();

        /**
         * How often every outbox is looked at although no commit woke the dispatcher: events of
         * other instances, deliveries whose instance died. A commit in this instance wakes it at once.
         */
        private Duration pollInterval = Duration.ofSeconds(30);

        /**
         * How long a claimed delivery is reserved for the instance that claimed it; another
         * instance delivers it after that. Longer than the slowest listener.
         */
        private Duration lease = Duration.ofMinutes(1);

        /** How long delivered events, their deliveries and inbox rows are kept before they are deleted. */
        private Duration retention = Duration.ofDays(7);

        /** Rows deleted per statement when delivered events are cleaned up. */
        private int cleanupBatch = 500;

        /** Deliveries that run at once in this instance. */
        private int threads = 4;

        /**
         * This instance's name in the leases it takes. Unset: the process id, the host and a random
         * part; set it only to something unique among the instances sharing the databases.
         */
        private String instanceId;

        /**
         * Per-key ordering, by event class: a SpEL expression evaluated on the event, for example
         * context-db.events.ordering-keys[com.acme.orders.OrderPlaced]=orderId(). Events with the
         * same key reach each listener in publication order, one after the other; events of other
         * classes, or with a null key, in no particular order.
         */
        private Map<String, String> orderingKeys = new LinkedHashMap<>();

        /**
         * How long the outbox figures behind the contextdb.events.pending, .oldest.pending.age and
         * .dead metrics are reused before the outboxes are counted again, so that frequent scrapes
         * cost at most one grouped query per context in this interval.
         */
        private Duration metricsRefresh = Duration.ofSeconds(5);

        /** @return {@code context-db.events.enabled} */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled {@code context-db.events.enabled} */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return {@code context-db.events.max-attempts} */
        public int getMaxAttempts() {
            return maxAttempts;
        }

        /** @param maxAttempts {@code context-db.events.max-attempts} */
        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        /** @return {@code context-db.events.backoff} */
        public Backoff getBackoff() {
            return backoff;
        }

        /** @return {@code context-db.events.poll-interval} */
        public Duration getPollInterval() {
            return pollInterval;
        }

        /** @param pollInterval {@code context-db.events.poll-interval} */
        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        /** @return {@code context-db.events.lease} */
        public Duration getLease() {
            return lease;
        }

        /** @param lease {@code context-db.events.lease} */
        public void setLease(Duration lease) {
            this.lease = lease;
        }

        /** @return {@code context-db.events.retention} */
        public Duration getRetention() {
            return retention;
        }

        /** @param retention {@code context-db.events.retention} */
        public void setRetention(Duration retention) {
            this.retention = retention;
        }

        /** @return {@code context-db.events.cleanup-batch} */
        public int getCleanupBatch() {
            return cleanupBatch;
        }

        /** @param cleanupBatch {@code context-db.events.cleanup-batch} */
        public void setCleanupBatch(int cleanupBatch) {
            this.cleanupBatch = cleanupBatch;
        }

        /** @return {@code context-db.events.threads} */
        public int getThreads() {
            return threads;
        }

        /** @param threads {@code context-db.events.threads} */
        public void setThreads(int threads) {
            this.threads = threads;
        }

        /** @return {@code context-db.events.instance-id} */
        public String getInstanceId() {
            return instanceId;
        }

        /** @param instanceId {@code context-db.events.instance-id} */
        public void setInstanceId(String instanceId) {
            this.instanceId = instanceId;
        }

        /** @return {@code context-db.events.ordering-keys} */
        public Map<String, String> getOrderingKeys() {
            return orderingKeys;
        }

        /** @param orderingKeys {@code context-db.events.ordering-keys} */
        public void setOrderingKeys(Map<String, String> orderingKeys) {
            this.orderingKeys = orderingKeys;
        }

        /** @return {@code context-db.events.metrics-refresh} */
        public Duration getMetricsRefresh() {
            return metricsRefresh;
        }

        /** @param metricsRefresh {@code context-db.events.metrics-refresh} */
        public void setMetricsRefresh(Duration metricsRefresh) {
            this.metricsRefresh = metricsRefresh;
        }
    }

    /** {@code context-db.events.backoff.*}: exponential backoff with jitter between attempts. */
    public static class Backoff {

        /** The wait after the first failed attempt. */
        private Duration initial = Duration.ofSeconds(1);

        /** How much each further wait grows. */
        private double multiplier = 2;

        /** The longest wait. */
        private Duration max = Duration.ofMinutes(5);

        /**
         * The random share of each wait, from 0 to 1, so that deliveries failing together do not
         * retry together: 0.5 waits 50% to 100% of the computed wait.
         */
        private double jitter = 0.5;

        /** @return {@code context-db.events.backoff.initial} */
        public Duration getInitial() {
            return initial;
        }

        /** @param initial {@code context-db.events.backoff.initial} */
        public void setInitial(Duration initial) {
            this.initial = initial;
        }

        /** @return {@code context-db.events.backoff.multiplier} */
        public double getMultiplier() {
            return multiplier;
        }

        /** @param multiplier {@code context-db.events.backoff.multiplier} */
        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        /** @return {@code context-db.events.backoff.max} */
        public Duration getMax() {
            return max;
        }

        /** @param max {@code context-db.events.backoff.max} */
        public void setMax(Duration max) {
            this.max = max;
        }

        /** @return {@code context-db.events.backoff.jitter} */
        public double getJitter() {
            return jitter;
        }

        /** @param jitter {@code context-db.events.backoff.jitter} */
        public void setJitter(double jitter) {
            this.jitter = jitter;
        }
    }
}
