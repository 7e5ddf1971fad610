package dev.contextdb.test;

import dev.contextdb.ContextDbConfigurationException;
import dev.contextdb.ContextDefinition;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.boot.ContextDbProperties;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Where one run of a {@link ContextDbTest} class puts its contexts: the configured placement (or the
 * run's strategy) with every name made the run's own, so that runs never meet in the database.
 *
 * <ul>
 * <li>{@code SCHEMA}: the context's schema ({@code orders}, or as configured) gets the run's suffix,
 *     {@code orders_t4k2x9qa}; context-db creates it, this drops it.</li>
 * <li>{@code DATABASE}: a database {@code orders_t4k2x9qa} on the server of the context's configured
 *     URL (else the shared one), created here before the start; on H2 an in-memory one.</li>
 * <li>the shared database, home of {@code SHARED} contexts and of the history of nothing else:
 *     on PostgreSQL a schema {@code contextdb_t4k2x9qa} (the URL's {@code currentSchema}), on MariaDB
 *     a database of that name, on H2 an in-memory database; with no database configured, the
 *     starter's embedded H2, already of this application context alone.</li>
 * </ul>
 *
 * Everything created is dropped (in reverse order) when the application context closes, after its
 * pools are closed. The names are validated identifiers: a context name and a suffix of lower-case
 * letters and digits.
 */
final class ContextDbTestPlacement implements DisposableBean {

    private static final Log log = LogFactory.getLog(ContextDbTestPlacement.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SERVER_URL =
            Pattern.compile("^(jdbc:(?:postgresql|mariadb|mysql):(?:[a-z]+:)?//[^/?]*)(/[^?;]*)?(.*)$");
    private static final Pattern CURRENT_SCHEMA = Pattern.compile("([?&])currentSchema=[^&]*&?");

    private enum Vendor { POSTGRESQL, MARIADB, H2 }

    /** A database (or schema) to drop, and how to reach the server it is on. */
    private record Created(Vendor vendor, String adminUrl, String username, String password, String name,
            boolean database) {
    }

    private final String suffix;
    private final IsolationStrategy strategy;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final Deque<Created> created = new ArrayDeque<>();

    private ContextDbTestPlacement(String suffix, IsolationStrategy strategy) {
        this.suffix = suffix;
        this.strategy = strategy;
    }

    /**
     * Plans the run's names and creates what context-db does not create itself (the shared
     * schema or database, the contexts' own databases).
     *
     * @param strategy the run's strategy for every context of the slice, {@code null} for each its configured one
     */
    static ContextDbTestPlacement create(List<ContextDefinition> slice, IsolationStrategy strategy,
            ContextDbProperties configured, Environment environment) {
        ContextDbTestPlacement placement = new ContextDbTestPlacement("_t" + randomSuffix(), strategy);
        try {
            placement.plan(slice, strategy, configured, environment);
            return placement;
        } catch (RuntimeException ex) {
            placement.destroy();
            throw ex;
        }
    }

    /** @return the strategy of the run, {@code null} for the configured placement */
    IsolationStrategy strategy() {
        return strategy;
    }

    /** @return the properties that place the contexts, over every other property source */
    Map<String, Object> properties() {
        return properties;
    }

    private void plan(List<ContextDefinition> slice, IsolationStrategy strategy, ContextDbProperties configured,
            Environment environment) {
        if (strategy != null) {
            properties.put("context-db.strategy", strategy.name());
        }
        String sharedUrl = configured.getDatasource().getUrl();
        String sharedUser = configured.getDatasource().getUsername();
        String sharedPassword = configured.getDatasource().getPassword();
        if (!StringUtils.hasText(sharedUrl)) {
            sharedUrl = environment.getProperty("spring.datasource.url");
            sharedUser = environment.getProperty("spring.datasource.username");
            sharedPassword = environment.getProperty("spring.datasource.password");
        }
        if (StringUtils.hasText(sharedUrl)) {
            String home = shared(sharedUrl, sharedUser, sharedPassword);
            properties.put("context-db.datasource.url", home);
            properties.put("context-db.datasource.username", sharedUser == null ? "" : sharedUser);
            properties.put("context-db.datasource.password", sharedPassword == null ? "" : sharedPassword);
        }
        for (ContextDefinition context : slice) {
            String name = context.name();
            String prefix = "context-db.contexts." + name + ".";
            ContextDbProperties.Context own = configured.getContexts().get(name);
            IsolationStrategy effective = strategy != null ? strategy
                    : own != null && own.getStrategy() != null ? own.getStrategy() : configured.getStrategy();
            if (strategy != null) {
                properties.put(prefix + "strategy", strategy.name());
            }
            switch (effective) {
                case SCHEMA -> {
                    String schema = own != null && StringUtils.hasText(own.getSchema()) ? own.getSchema() : name;
                    String unique = schema + suffix;
                    properties.put(prefix + "schema", unique);
                    if (StringUtils.hasText(sharedUrl) && vendor(sharedUrl, name) != Vendor.H2) {
                        created.push(new Created(vendor(sharedUrl, name), sharedUrl, sharedUser, sharedPassword,
                                unique, vendor(sharedUrl, name) == Vendor.MARIADB));
                    }
                }
                case DATABASE -> {
                    ContextDbProperties.DataSource datasource = own == null ? null : own.getDatasource();
                    boolean ownUrl = datasource != null && StringUtils.hasText(datasource.getUrl());
                    String url = ownUrl ? datasource.getUrl() : sharedUrl;
                    String user = ownUrl || (datasource != null && datasource.getUsername() != null)
                            ? datasource.getUsername() : sharedUser;
                    String password = ownUrl || (datasource != null && datasource.getUsername() != null)
                            ? datasource.getPassword() : sharedPassword;
                    if (!StringUtils.hasText(url) || url.startsWith("jdbc:h2:")) {
                        user = StringUtils.hasText(user) ? user : "sa";
                    }
                    properties.put(prefix + "datasource.url", database(name, url, user, password));
                    properties.put(prefix + "datasource.username", user);
                    properties.put(prefix + "datasource.password", password == null ? "" : password);
                }
                case SHARED -> {
                    // The shared database's schema, already the run's own.
                }
            }
        }
    }

    /** @return the URL of the run's own shared schema (PostgreSQL) or database, created here */
    private String shared(String url, String username, String password) {
        String name = "contextdb" + suffix;
        return switch (vendor(url, null)) {
            case POSTGRESQL -> {
                execute(Vendor.POSTGRESQL, url, username, password, "CREATE SCHEMA " + name);
                created.push(new Created(Vendor.POSTGRESQL, url, username, password, name, false));
                String stripped = CURRENT_SCHEMA.matcher(url).replaceAll("$1");
                stripped = stripped.endsWith("?") || stripped.endsWith("&") ? stripped : stripped
                        + (stripped.contains("?") ? "&" : "?");
                yield stripped + "currentSchema=" + name;
            }
            case MARIADB -> {
                execute(Vendor.MARIADB, url, username, password, "CREATE DATABASE " + name);
                created.push(new Created(Vendor.MARIADB, url, username, password, name, true));
                yield onDatabase(url, name);
            }
            case H2 -> h2(url, name, username, password);
        };
    }

    /** @return the URL of a database of the run's own for a {@code DATABASE} context, created here */
    private String database(String context, String url, String username, String password) {
        String name = context + suffix;
        if (!StringUtils.hasText(url)) {
            return h2("jdbc:h2:mem:", name, username, password);
        }
        Vendor vendor = vendor(url, context);
        if (vendor == Vendor.H2) {
            return h2(url, name, username, password);
        }
        execute(vendor, url, username, password, "CREATE DATABASE " + name);
        created.push(new Created(vendor, url, username, password, name, true));
        return onDatabase(url, name);
    }

    /** An in-memory H2 database of that name, with the configured URL's settings; shut down on close. */
    private String h2(String url, String name, String username, String password) {
        int settings = url.indexOf(';');
        String options = settings < 0 ? "" : url.substring(settings).replaceAll("(?i);DB_CLOSE_DELAY=[^;]*", "");
        String h2 = "jdbc:h2:mem:" + name + options + ";DB_CLOSE_DELAY=-1";
        created.push(new Created(Vendor.H2, h2, username, password == null ? "" : password, name, true));
        return h2;
    }

    private static String onDatabase(String url, String database) {
        Matcher matcher = SERVER_URL.matcher(url);
        if (!matcher.matches()) {
            throw new ContextDbConfigurationException(null, "context-db.datasource.url",
                    "@ContextDbTest cannot name a database of its own in " + url + ".",
                    "write the URL as jdbc:<vendor>://host:port/database.");
        }
        return matcher.group(1) + "/" + database + matcher.group(3);
    }

    private static Vendor vendor(String url, String context) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return Vendor.POSTGRESQL;
        }
        if (lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:")) {
            return Vendor.MARIADB;
        }
        if (lower.startsWith("jdbc:h2:")) {
            return Vendor.H2;
        }
        String property = context == null ? "context-db.datasource.url" : "context-db.contexts." + context
                + ".datasource.url";
        throw new ContextDbConfigurationException(context, property,
                "@ContextDbTest places contexts on PostgreSQL, MariaDB and H2, but " + property + " is " + url + ".",
                "point " + property + " at one of them.");
    }

    private static void execute(Vendor vendor, String url, String username, String password, String sql) {
        try (Connection connection = DriverManager.getConnection(url, username, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException ex) {
            throw new IllegalStateException("@ContextDbTest could not run \"" + sql + "\" on " + vendor + " ("
                    + url.replaceAll("(?i)(password=)[^&;]*", "$1***") + "): " + ex.getMessage(), ex);
        }
    }

    @Override
    public void destroy() {
        while (!created.isEmpty()) {
            Created next = created.pop();
            String sql = switch (next.vendor()) {
                case H2 -> "SHUTDOWN";
                case POSTGRESQL -> next.database() ? "DROP DATABASE IF EXISTS " + next.name()
                        : "DROP SCHEMA IF EXISTS " + next.name() + " CASCADE";
                case MARIADB -> "DROP DATABASE IF EXISTS " + next.name();
            };
            try (Connection connection = DriverManager.getConnection(next.adminUrl(), next.username(), next.password());
                    Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException ex) {
                log.warn("@ContextDbTest could not drop " + next.name() + " (" + sql + "): " + ex.getMessage());
            }
        }
    }

    private static String randomSuffix() {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            suffix.append(Character.forDigit(RANDOM.nextInt(36), 36));
        }
        return suffix.toString();
    }
}
