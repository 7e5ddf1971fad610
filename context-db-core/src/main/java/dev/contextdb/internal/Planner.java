package dev.contextdb.internal;

import com.zaxxer.hikari.HikariConfig;
import dev.contextdb.ContextConventions;
import dev.contextdb.ContextDbConfigurationException;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.Placement;
import dev.contextdb.Pooling;
import dev.contextdb.internal.Plan.Admin;
import dev.contextdb.internal.Plan.ContextPlan;
import dev.contextdb.internal.Plan.PoolPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Turns the context model and the frozen settings into a {@link Plan}: one placement per context,
 * the pools that serve them. Pure validation and arithmetic, no I/O: every configuration error
 * surfaces here, before any connection is opened. Each strategy has one method that decides how
 * its contexts reach their data ({@link Route}); what follows from that is derived once.
 *
 * <p>Most of its length is its error messages, each naming the context, the property and the fix.
 */
public final class Planner {

    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern URL_USERINFO = Pattern.compile("(//[^/:@]+:)[^@/]*@");

    private final ContextModel model;
    private final Settings settings;
    private final Vendor sharedVendor;

    private Planner(ContextModel model, Settings settings) {
        this.model = model;
        this.settings = settings;
        this.sharedVendor = vendor(settings.sharedUrl(), null, "context-db.datasource.url");
    }

    /** How one context reaches its data: what each strategy decides. */
    private record Route(String url, Vendor vendor, String username, String password, String role,
            SchemaAccess access, String poolName) {
    }

    /**
     * @param model the contexts
     * @param settings the settings
     * @return the plan
     * @throws ContextDbConfigurationException for the first invalid setting
     */
    public static Plan plan(ContextModel model, Settings settings) {
        return new Planner(model, settings).plan();
    }

    private Plan plan() {
        checkSettings();
        Map<String, PoolPlan> pools = new LinkedHashMap<>();
        Map<String, ContextPlan> plans = new LinkedHashMap<>();
        for (ContextDefinition definition : model.inReadsOrder()) {
            String name = definition.name();
            ContextOverrides own = settings.context(name);
            IsolationStrategy strategy = own.strategy() == null ? settings.strategy() : own.strategy();
            Route route = switch (strategy) {
                case DATABASE -> database(name, own);
                case SCHEMA -> schema(name, own);
                case SHARED -> shared(name, own);
            };
            checkPoolProperties(own.pool(), name, prefix(name) + "pool.");
            String pinned = route.access() instanceof SchemaAccess.Pinned pin ? pin.schema() : null;
            PoolPlan pool = new PoolPlan(route.poolName(), route.vendor(),
                    pinned == null ? route.url() : route.vendor().connectionUrl(route.url(), pinned),
                    route.username(), route.password(), pinned, hikariProperties(settings.pool(), own.pool()),
                    route.url());
            PoolPlan existing = pools.putIfAbsent(pool.name(), pool);
            if (existing != null && !(Objects.equals(existing.url(), pool.url())
                    && Objects.equals(existing.username(), pool.username()))) {
                throw new IllegalStateException("Pool " + pool.name() + " planned twice with different databases");
            }
            String schema = route.access().schema();
            Placement placement = new Placement(name, strategy, route.vendor().database(), mask(route.url()),
                    route.username() == null ? "" : route.username(), schema, pool.name(), pool.maximumPoolSize(),
                    definition.reads(), own.migrationLocations().isEmpty()
                            ? List.of(ContextConventions.defaultMigrationLocation(name)) : own.migrationLocations(),
                    (schema == null ? "" : schema + ".") + ContextConventions.historyTable(name, strategy));
            plans.put(name, new ContextPlan(placement, route.vendor(), pool.name(), route.access(), route.role(),
                    route.role() == null ? null : route.password(), 0));
        }
        checkReads(plans);
        shareSharedPools(plans, pools);
        return new Plan(new ArrayList<>(plans.values()), pools,
                new Admin(settings.sharedUrl(), settings.username(), settings.password(), sharedVendor));
    }

    private void checkSettings() {
        for (String configured : settings.contexts().keySet()) {
            if (model.context(configured).isEmpty()) {
                throw new ContextDbConfigurationException(configured, "context-db.contexts." + configured,
                        "context-db.contexts." + configured + " is configured, but no package declares a context '"
                                + configured + "'; declared contexts: " + model.names() + ".",
                        "declare @BoundedContext(\"" + configured + "\") on the context's package-info.java, or"
                                + " remove the properties (or correct the name).");
            }
        }
        checkPoolProperties(settings.pool(), null, "context-db.pool.");
        if (settings.roles()) {
            if (sharedVendor == Vendor.H2) {
                throw new ContextDbConfigurationException(null, "context-db.roles.enabled",
                        "context-db.roles.enabled=true needs PostgreSQL or MariaDB; the shared database is H2.",
                        "point context-db.datasource.url at PostgreSQL or MariaDB, or set context-db.roles.enabled=false.");
            }
            if (settings.pooling() == Pooling.SINGLE_POOL) {
                throw new ContextDbConfigurationException(null, "context-db.pooling",
                        "context-db.roles.enabled=true with context-db.pooling=single-pool: one pool logs in as one user, so"
                                + " every context would share its rights and the database could not keep them apart.",
                        "remove context-db.pooling=single-pool (a pool per context, each logged in as the context's role),"
                                + " or set context-db.roles.enabled=false.");
            }
        }
    }

    /** {@code DATABASE}: its own database, user and pool; its schema if it sets one. */
    private Route database(String name, ContextOverrides own) {
        String prefix = prefix(name);
        if (own.url() == null) {
            throw new ContextDbConfigurationException(name, prefix + "datasource.url",
                    "Context '" + name + "' uses strategy DATABASE but has no database of its own: "
                            + prefix + "datasource.url is not set.",
                    "set " + prefix + "datasource.url (and .username/.password) to the context's own"
                            + " database, or choose strategy SCHEMA or SHARED for it.");
        }
        Vendor vendor = vendor(own.url(), name, prefix + "datasource.url");
        SchemaAccess access = own.schema() == null ? new SchemaAccess.Default()
                : new SchemaAccess.Pinned(Identifiers.check(own.schema(), "schema", name, prefix + "schema", vendor));
        return new Route(own.url(), vendor, own.username(), own.password(), null, access, "contextdb-" + name);
    }

    /**
     * {@code SCHEMA}: its schema in the shared database, on a pool of its own pinned to the schema,
     * or on the single pool that switches schemas on checkout.
     */
    private Route schema(String name, ContextOverrides own) {
        String prefix = prefix(name);
        if (own.url() != null && !own.url().equals(settings.sharedUrl())) {
            throw new ContextDbConfigurationException(name, prefix + "datasource.url",
                    "Context '" + name + "' uses strategy SCHEMA, which places it in the shared database"
                            + " of context-db.datasource.url, but " + prefix + "datasource.url names"
                            + " another database.",
                    "remove " + prefix + "datasource.url (credentials may stay), or set " + prefix
                            + "strategy=DATABASE.");
        }
        String schema = Identifiers.check(own.schema() == null ? ContextConventions.defaultSchema(name) : own.schema(),
                "schema", name, prefix + "schema", sharedVendor);
        String role = settings.roles() ? roleOf(name, own) : null;
        String username = role != null ? role : own.username() != null ? own.username() : settings.username();
        String password = role != null || own.username() != null ? own.password() : settings.password();
        boolean singlePool = settings.pooling() == Pooling.SINGLE_POOL;
        if (singlePool && !settings.roles() && own.username() == null && own.pool().isEmpty()) {
            return new Route(settings.sharedUrl(), sharedVendor, username, password, null,
                    new SchemaAccess.Switched(schema), "contextdb-schemas");
        }
        if (singlePool && !own.pool().isEmpty()) {
            throw new ContextDbConfigurationException(name, prefix + "pool",
                    "Context '" + name + "' sets " + prefix + "pool.* but context-db.pooling=single-pool"
                            + " serves every SCHEMA context from one pool.",
                    "set the shared pool's settings in context-db.pool.*, or remove context-db.pooling=single-pool.");
        }
        return new Route(settings.sharedUrl(), sharedVendor, username, password, role, new SchemaAccess.Pinned(schema),
                "contextdb-" + name);
    }

    /**
     * {@code SHARED}: the one schema of the shared database, on the one shared pool; with roles, a
     * pool per context logged in as its role.
     */
    private Route shared(String name, ContextOverrides own) {
        String prefix = prefix(name);
        if (own.url() != null || (own.username() != null && !settings.roles())) {
            throw new ContextDbConfigurationException(name, prefix + "datasource",
                    "Context '" + name + "' uses strategy SHARED, which puts every context in the one"
                            + " shared schema of context-db.datasource, but " + prefix
                            + "datasource.* is set.",
                    "remove " + prefix + "datasource.*, or set " + prefix + "strategy=DATABASE (own"
                            + " database) or SCHEMA (own credentials).");
        }
        if (own.schema() != null) {
            throw new ContextDbConfigurationException(name, prefix + "schema",
                    "Context '" + name + "' uses strategy SHARED, where every context shares one schema,"
                            + " but " + prefix + "schema is set.",
                    "remove " + prefix + "schema, or set " + prefix + "strategy=SCHEMA.");
        }
        if (!settings.roles() && !own.pool().isEmpty()) {
            throw new ContextDbConfigurationException(name, prefix + "pool",
                    "Context '" + name + "' sets " + prefix + "pool.* but uses strategy SHARED, where every"
                            + " context is served by the one shared pool.",
                    "set the shared pool's settings in context-db.pool.*, or give the context a strategy"
                            + " with a pool of its own (SCHEMA or DATABASE).");
        }
        Identifiers.check(ContextConventions.historyTable(name, IsolationStrategy.SHARED), "history table", name,
                "@BoundedContext(\"" + name + "\") (under SHARED the context name names its history table)",
                sharedVendor);
        if (!settings.roles()) {
            return new Route(settings.sharedUrl(), sharedVendor, settings.username(), settings.password(), null,
                    new SchemaAccess.Default(), "contextdb-shared");
        }
        if (sharedVendor != Vendor.POSTGRESQL) {
            throw new ContextDbConfigurationException(name, "context-db.roles.enabled",
                    "Context '" + name + "' uses strategy SHARED with context-db.roles.enabled=true on "
                            + sharedVendor.displayName() + ", which has no table ownership to keep contexts"
                            + " apart within one schema.",
                    "use strategy SCHEMA (on MariaDB: a database per context), or PostgreSQL.");
        }
        String role = roleOf(name, own);
        return new Route(settings.sharedUrl(), sharedVendor, role, own.password(), role, new SchemaAccess.Default(),
                "contextdb-" + name);
    }

    /**
     * Gives each context of a pool that serves several its share of the pool's connections, so
     * that one context under load cannot take them all.
     */
    private void shareSharedPools(Map<String, ContextPlan> plans, Map<String, PoolPlan> pools) {
        Integer configured = settings.maxConnectionsPerContext();
        Map<String, Integer> contextsPerPool = new LinkedHashMap<>();
        plans.values().forEach(plan -> contextsPerPool.merge(plan.poolName(), 1, Integer::sum));
        for (Map.Entry<String, ContextPlan> entry : plans.entrySet()) {
            ContextPlan plan = entry.getValue();
            if (contextsPerPool.get(plan.poolName()) < 2) {
                continue;
            }
            int size = pools.get(plan.poolName()).maximumPoolSize();
            if (configured != null && configured > size) {
                throw new ContextDbConfigurationException(plan.name(), "context-db.max-connections-per-context",
                        "context-db.max-connections-per-context = " + configured + " is more than the "
                                + size + " connections of the pool that context '" + plan.name()
                                + "' shares with other contexts (context-db.pool.maximumPoolSize).",
                        "set it to " + size + " or less, or raise context-db.pool.maximumPoolSize.");
            }
            entry.setValue(plan.withShare(configured != null ? configured : defaultShare(size)));
        }
    }

    /**
     * @param poolSize a pool's maximum size
     * @return a context's default share of a pool it shares: three quarters of the pool, and at
     *     least one connection fewer than the pool where it has two or more
     */
    public static int defaultShare(int poolSize) {
        return Math.max(1, poolSize - Math.max(1, poolSize / 4));
    }

    private String roleOf(String context, ContextOverrides own) {
        String property = prefix(context) + "datasource.username";
        String role = own.username() != null ? own.username() : "cdb_" + context;
        Identifiers.check(role, "role", context, property, sharedVendor);
        if (role.equals(settings.username())) {
            throw new ContextDbConfigurationException(context, property,
                    "Context '" + context + "' would connect as '" + role + "', the user of context-db.datasource"
                            + " that sets up every context's role: with context-db.roles.enabled=true each context"
                            + " needs a role of its own.",
                    "set " + property + " to a role for this context alone, or leave it unset (cdb_" + context + ").");
        }
        return role;
    }

    private void checkReads(Map<String, ContextPlan> plans) {
        for (ContextDefinition definition : model.inReadsOrder()) {
            Placement reader = plans.get(definition.name()).placement();
            for (String read : definition.reads()) {
                Placement target = plans.get(read).placement();
                if (reader.strategy() == IsolationStrategy.DATABASE || target.strategy() == IsolationStrategy.DATABASE) {
                    String atFault = reader.strategy() == IsolationStrategy.DATABASE ? reader.context() : read;
                    throw new ContextDbConfigurationException(definition.name(),
                            "context-db.contexts." + atFault + ".strategy",
                            "Context '" + definition.name() + "' declares reads = \"" + read + "\", but context '"
                                    + atFault + "' uses strategy " + IsolationStrategy.DATABASE
                                    + ", so the two live in different databases and the read cannot work.",
                            "keep both contexts in the shared database (strategy SCHEMA or SHARED), or remove \""
                                    + read + "\" from reads of " + definition.source() + " and use " + read
                                    + "'s application service or events instead.");
                }
            }
        }
    }

    private static String prefix(String context) {
        return "context-db.contexts." + context + ".";
    }

    private static Vendor vendor(String url, String context, String property) {
        Vendor vendor = Vendor.fromUrl(url);
        if (vendor == null) {
            throw new ContextDbConfigurationException(context, property,
                    (context == null ? "" : "Context '" + context + "': ") + property + " (" + scheme(url)
                            + "...) is not a database context-db supports.",
                    "use a jdbc:postgresql:, jdbc:mariadb: (or jdbc:mysql:) or jdbc:h2: URL.");
        }
        return vendor;
    }

    private static void checkPoolProperties(Map<String, String> pool, String context, String prefix) {
        pool.forEach((key, value) -> {
            Properties single = new Properties();
            single.setProperty(key, value);
            try {
                new HikariConfig(single);
            } catch (RuntimeException e) {
                throw new ContextDbConfigurationException(context, prefix + key,
                        (context == null ? "" : "Context '" + context + "': ") + prefix + key + " = " + value
                                + " is not a valid HikariCP setting (" + e.getMessage() + ").",
                        "use a HikariConfig property name such as maximumPoolSize, minimumIdle or connectionTimeout,"
                                + " with a value of its type.", e);
            }
        });
    }

    private static Properties hikariProperties(Map<String, String> defaults, Map<String, String> own) {
        Properties properties = new Properties();
        properties.putAll(defaults);
        properties.putAll(own);
        return properties;
    }

    private static String scheme(String url) {
        int second = url.indexOf(':', url.indexOf(':') + 1);
        return second < 0 ? url : url.substring(0, second + 1);
    }

    /**
     * @param url a JDBC URL
     * @return the URL with passwords in parameters or user-info replaced by {@code ****}
     */
    static String mask(String url) {
        String masked = URL_PASSWORD.matcher(url).replaceAll("$1****");
        return URL_USERINFO.matcher(masked).replaceAll("$1****@");
    }
}
