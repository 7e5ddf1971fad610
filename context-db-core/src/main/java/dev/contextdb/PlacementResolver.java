package dev.contextdb;

import com.zaxxer.hikari.HikariConfig;
import dev.contextdb.internal.Identifiers;
import dev.contextdb.internal.Vendor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns the context model and the settings into a plan: one placement per context, the pools
 * that serve them. Pure validation and arithmetic, no I/O: every configuration error surfaces
 * here, before any connection is opened.
 */
final class PlacementResolver {

    /** The embedded database of a ContextDb built without a URL: its own, dropped when it closes. */
    static String embeddedUrl() {
        return "jdbc:h2:mem:contextdb-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern URL_USERINFO = Pattern.compile("(//[^/:@]+:)[^@/]*@");

    private PlacementResolver() {
    }

    /** A pool to create. */
    record PoolPlan(String name, Vendor vendor, String url, String username, String password, String pinnedSchema,
            Properties hikari, String baseUrl) {
    }

    /** One context's placement and how it gets connections. */
    record ContextPlan(Placement placement, Vendor vendor, String poolName, boolean switching, String role,
            String rolePassword, int share) {
        String name() {
            return placement.context();
        }
    }

    /** The whole plan, contexts in reads order. */
    record Plan(List<ContextPlan> contexts, Map<String, PoolPlan> pools, Admin admin) {
    }

    /** Who sets up roles and grants: the shared database's user. */
    record Admin(String url, String username, String password, Vendor vendor) {
    }

    static Plan resolve(ContextModel model, ContextDb.Builder settings) {
        for (String configured : settings.contexts.keySet()) {
            if (model.context(configured).isEmpty()) {
                throw new ContextDbConfigurationException(configured, "context-db.contexts." + configured,
                        "context-db.contexts." + configured + " is configured, but no package declares a context '"
                                + configured + "'; declared contexts: " + model.names() + ".",
                        "declare @BoundedContext(\"" + configured + "\") on the context's package-info.java, or"
                                + " remove the properties (or correct the name).");
            }
        }
        checkPoolProperties(settings.pool, null, "context-db.pool.");
        String sharedUrl = settings.url == null ? settings.embeddedUrl : settings.url;
        Vendor sharedVendor = vendor(sharedUrl, null, "context-db.datasource.url");
        if (settings.roles) {
            if (sharedVendor == Vendor.H2) {
                throw new ContextDbConfigurationException(null, "context-db.roles.enabled",
                        "context-db.roles.enabled=true needs PostgreSQL or MariaDB; the shared database is H2.",
                        "point context-db.datasource.url at PostgreSQL or MariaDB, or set context-db.roles.enabled=false.");
            }
            if (settings.pooling == Pooling.SINGLE_POOL) {
                throw new ContextDbConfigurationException(null, "context-db.pooling",
                        "context-db.roles.enabled=true with context-db.pooling=single-pool: one pool logs in as one user, so"
                                + " every context would share its rights and the database could not keep them apart.",
                        "remove context-db.pooling=single-pool (a pool per context, each logged in as the context's role),"
                                + " or set context-db.roles.enabled=false.");
            }
        }

        Map<String, PoolPlan> pools = new LinkedHashMap<>();
        Map<String, ContextPlan> plans = new LinkedHashMap<>();
        for (ContextDefinition definition : model.inReadsOrder()) {
            String name = definition.name();
            String prefix = "context-db.contexts." + name + ".";
            ContextSettings own = settings.contexts.getOrDefault(name, new ContextSettings());
            IsolationStrategy strategy = own.strategy == null ? settings.strategy : own.strategy;
            List<String> locations = own.migrationLocations.isEmpty()
                    ? List.of(ContextConventions.defaultMigrationLocation(name)) : own.migrationLocations;

            String url;
            Vendor vendor;
            String role = null;
            String username = own.username != null ? own.username : settings.username;
            String password = own.username != null ? own.password : settings.password;
            String schema;
            String poolName;
            boolean switching = false;
            String pinned;
            switch (strategy) {
                case DATABASE -> {
                    if (own.url == null) {
                        throw new ContextDbConfigurationException(name, prefix + "datasource.url",
                                "Context '" + name + "' uses strategy DATABASE but has no database of its own: "
                                        + prefix + "datasource.url is not set.",
                                "set " + prefix + "datasource.url (and .username/.password) to the context's own"
                                        + " database, or choose strategy SCHEMA or SHARED for it.");
                    }
                    url = own.url;
                    username = own.username;
                    password = own.password;
                    vendor = vendor(url, name, prefix + "datasource.url");
                    schema = own.schema == null ? null
                            : Identifiers.check(own.schema, "schema", name, prefix + "schema", vendor);
                    poolName = "contextdb-" + name;
                    pinned = schema;
                }
                case SCHEMA -> {
                    if (own.url != null && !own.url.equals(sharedUrl)) {
                        throw new ContextDbConfigurationException(name, prefix + "datasource.url",
                                "Context '" + name + "' uses strategy SCHEMA, which places it in the shared database"
                                        + " of context-db.datasource.url, but " + prefix + "datasource.url names"
                                        + " another database.",
                                "remove " + prefix + "datasource.url (credentials may stay), or set " + prefix
                                        + "strategy=DATABASE.");
                    }
                    url = sharedUrl;
                    vendor = sharedVendor;
                    String property = own.schema == null ? "@BoundedContext(\"" + name + "\") (the default schema name)"
                            : prefix + "schema";
                    schema = Identifiers.check(own.schema == null ? ContextConventions.defaultSchema(name) : own.schema,
                            "schema", name, own.schema == null ? prefix + "schema" : property, vendor);
                    if (settings.roles) {
                        role = roleOf(name, own, vendor, settings);
                        username = role;
                        password = own.password;
                    }
                    if (settings.pooling == Pooling.SINGLE_POOL && !settings.roles && own.username == null
                            && own.pool.isEmpty()) {
                        poolName = "contextdb-schemas";
                        switching = true;
                        pinned = null;
                    } else {
                        if (settings.pooling == Pooling.SINGLE_POOL && !own.pool.isEmpty()) {
                            throw new ContextDbConfigurationException(name, prefix + "pool",
                                    "Context '" + name + "' sets " + prefix + "pool.* but context-db.pooling=single-pool"
                                            + " serves every SCHEMA context from one pool.",
                                    "set the shared pool's settings in context-db.pool.*, or remove context-db.pooling=single-pool.");
                        }
                        poolName = "contextdb-" + name;
                        pinned = schema;
                    }
                }
                case SHARED -> {
                    if (own.url != null || (own.username != null && !settings.roles)) {
                        throw new ContextDbConfigurationException(name, prefix + "datasource",
                                "Context '" + name + "' uses strategy SHARED, which puts every context in the one"
                                        + " shared schema of context-db.datasource, but " + prefix
                                        + "datasource.* is set.",
                                "remove " + prefix + "datasource.*, or set " + prefix + "strategy=DATABASE (own"
                                        + " database) or SCHEMA (own credentials).");
                    }
                    if (own.schema != null) {
                        throw new ContextDbConfigurationException(name, prefix + "schema",
                                "Context '" + name + "' uses strategy SHARED, where every context shares one schema,"
                                        + " but " + prefix + "schema is set.",
                                "remove " + prefix + "schema, or set " + prefix + "strategy=SCHEMA.");
                    }
                    if (!settings.roles && !own.pool.isEmpty()) {
                        throw new ContextDbConfigurationException(name, prefix + "pool",
                                "Context '" + name + "' sets " + prefix + "pool.* but uses strategy SHARED, where every"
                                        + " context is served by the one shared pool.",
                                "set the shared pool's settings in context-db.pool.*, or give the context a strategy"
                                        + " with a pool of its own (SCHEMA or DATABASE).");
                    }
                    url = sharedUrl;
                    vendor = sharedVendor;
                    if (settings.roles) {
                        if (vendor != Vendor.POSTGRESQL) {
                            throw new ContextDbConfigurationException(name, "context-db.roles.enabled",
                                    "Context '" + name + "' uses strategy SHARED with context-db.roles.enabled=true on "
                                            + vendor.displayName() + ", which has no table ownership to keep contexts"
                                            + " apart within one schema.",
                                    "use strategy SCHEMA (on MariaDB: a database per context), or PostgreSQL.");
                        }
                        role = roleOf(name, own, vendor, settings);
                        username = role;
                        password = own.password;
                    }
                    Identifiers.check(ContextConventions.historyTable(name, strategy), "history table", name,
                            "@BoundedContext(\"" + name + "\") (under SHARED the context name names its history table)",
                            vendor);
                    schema = null;
                    poolName = settings.roles ? "contextdb-" + name : "contextdb-shared";
                    pinned = null;
                }
                default -> throw new IllegalStateException(strategy.name());
            }

            checkPoolProperties(own.pool, name, prefix + "pool.");
            Properties hikari = hikariProperties(settings.pool, own.pool);
            PoolPlan pool = new PoolPlan(poolName, vendor, pinned == null ? url : vendor.connectionUrl(url, pinned),
                    username, password, pinned,
                    poolName.equals("contextdb-" + name) ? hikari : hikariProperties(settings.pool, Map.of()),
                    url);
            PoolPlan existing = pools.putIfAbsent(poolName, pool);
            if (existing != null && !(Objects.equals(existing.url(), url) && Objects.equals(existing.username(), username))) {
                throw new IllegalStateException("Pool " + poolName + " planned twice with different databases");
            }
            String historyTable = (schema == null ? "" : schema + ".") + ContextConventions.historyTable(name, strategy);
            int maximumPoolSize = Integer.parseInt(pool.hikari().getProperty("maximumPoolSize", "10"));
            Placement placement = new Placement(name, strategy, vendor.database(), mask(url),
                    username == null ? "" : username, schema, poolName, maximumPoolSize, definition.reads(), locations,
                    historyTable);
            plans.put(name, new ContextPlan(placement, vendor, poolName, switching, role, role == null ? null : password,
                    0));
        }
        checkReads(model, plans);
        shareSharedPools(plans, pools, settings.maxConnectionsPerContext);
        return new Plan(new ArrayList<>(plans.values()), pools,
                new Admin(sharedUrl, settings.username, settings.password, sharedVendor));
    }

    /**
     * Gives each context of a pool that serves several its share of the pool's connections, so
     * that one context under load cannot take them all.
     */
    private static void shareSharedPools(Map<String, ContextPlan> plans, Map<String, PoolPlan> pools,
            Integer configured) {
        Map<String, Integer> contextsPerPool = new LinkedHashMap<>();
        plans.values().forEach(plan -> contextsPerPool.merge(plan.poolName(), 1, Integer::sum));
        for (Map.Entry<String, ContextPlan> entry : plans.entrySet()) {
            ContextPlan plan = entry.getValue();
            if (contextsPerPool.get(plan.poolName()) < 2) {
                continue;
            }
            int size = Integer.parseInt(pools.get(plan.poolName()).hikari().getProperty("maximumPoolSize", "10"));
            if (configured != null && configured > size) {
                throw new ContextDbConfigurationException(plan.name(), "context-db.max-connections-per-context",
                        "context-db.max-connections-per-context = " + configured + " is more than the "
                                + size + " connections of the pool that context '" + plan.name()
                                + "' shares with other contexts (context-db.pool.maximumPoolSize).",
                        "set it to " + size + " or less, or raise context-db.pool.maximumPoolSize.");
            }
            int share = configured != null ? configured : defaultShare(size);
            entry.setValue(new ContextPlan(plan.placement(), plan.vendor(), plan.poolName(), plan.switching(),
                    plan.role(), plan.rolePassword(), share));
        }
    }

    /** Three quarters of the pool, and at least one connection fewer than the pool where it has two or more. */
    static int defaultShare(int poolSize) {
        return Math.max(1, poolSize - Math.max(1, poolSize / 4));
    }

    private static String roleOf(String context, ContextSettings own, Vendor vendor, ContextDb.Builder settings) {
        String property = "context-db.contexts." + context + ".datasource.username";
        String role = own.username != null ? own.username : "cdb_" + context;
        Identifiers.check(role, "role", context, property, vendor);
        if (role.equals(settings.username)) {
            throw new ContextDbConfigurationException(context, property,
                    "Context '" + context + "' would connect as '" + role + "', the user of context-db.datasource"
                            + " that sets up every context's role: with context-db.roles.enabled=true each context"
                            + " needs a role of its own.",
                    "set " + property + " to a role for this context alone, or leave it unset (cdb_" + context + ").");
        }
        return role;
    }

    private static void checkReads(ContextModel model, Map<String, ContextPlan> plans) {
        for (ContextDefinition definition : model.inReadsOrder()) {
            Placement reader = plans.get(definition.name()).placement();
            for (String read : definition.reads()) {
                Placement target = plans.get(read).placement();
                if (reader.strategy() == IsolationStrategy.DATABASE || target.strategy() == IsolationStrategy.DATABASE) {
                    IsolationStrategy strategyAtFault = reader.strategy() == IsolationStrategy.DATABASE ? reader.strategy()
                            : target.strategy();
                    String atFault = reader.strategy() == IsolationStrategy.DATABASE ? reader.context() : read;
                    throw new ContextDbConfigurationException(definition.name(),
                            "context-db.contexts." + atFault + ".strategy",
                            "Context '" + definition.name() + "' declares reads = \"" + read + "\", but context '"
                                    + atFault + "' uses strategy " + strategyAtFault
                                    + ", so the two live in different databases and the read cannot work.",
                            "keep both contexts in the shared database (strategy SCHEMA or SHARED), or remove \""
                                    + read + "\" from reads of " + definition.source() + " and use " + read
                                    + "'s application service or events instead.");
                }
            }
        }
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
