package dev.contextdb;

import dev.contextdb.internal.ContextOverrides;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-context overrides, the programmatic form of {@code context-db.contexts.<name>.*}. Anything
 * left unset follows the defaults of {@link ContextDb.Builder}.
 *
 * <pre>{@code
 * ContextDb.builder(model)
 *         .datasource("jdbc:postgresql://db/shop", "shop", secret)
 *         .context("billing", billing -> billing
 *                 .strategy(IsolationStrategy.DATABASE)
 *                 .datasource("jdbc:postgresql://billing-db/billing", "billing", billingSecret)
 *                 .pool("maximumPoolSize", "5"))
 *         .build();
 * }</pre>
 */
public final class ContextSettings {

    IsolationStrategy strategy;
    String schema;
    String url;
    String username;
    String password;
    final Map<String, String> pool = new LinkedHashMap<>();
    final List<String> migrationLocations = new ArrayList<>();

    ContextSettings() {
    }

    /**
     * {@code context-db.contexts.<name>.strategy}: this context's strategy, overriding the default.
     * @param strategy the strategy
     * @return this
     */
    public ContextSettings strategy(IsolationStrategy strategy) {
        this.strategy = strategy;
        return this;
    }

    /**
     * {@code context-db.contexts.<name>.schema}: the schema (MariaDB: database) under
     * {@code SCHEMA}, or an optional schema inside the context's own database under
     * {@code DATABASE}. Defaults to the context name under {@code SCHEMA}.
     * @param schema the schema name
     * @return this
     */
    public ContextSettings schema(String schema) {
        this.schema = schema;
        return this;
    }

    /**
     * {@code context-db.contexts.<name>.datasource.*}: the context's own database (required under
     * {@code DATABASE}); under {@code SCHEMA} only the credentials may differ from the shared database.
     * @param url the JDBC URL, or {@code null} to keep the shared one
     * @param username the user, or {@code null}
     * @param password the password, or {@code null}
     * @return this
     */
    public ContextSettings datasource(String url, String username, String password) {
        this.url = url;
        this.username = username;
        this.password = password;
        return this;
    }

    /**
     * {@code context-db.contexts.<name>.pool.<property>}: a HikariCP setting for this context's
     * own pool, by its {@code HikariConfig} property name.
     * @param property for example {@code "maximumPoolSize"}
     * @param value the value
     * @return this
     */
    public ContextSettings pool(String property, String value) {
        pool.put(property, value);
        return this;
    }

    /**
     * {@code context-db.contexts.<name>.flyway.locations}: where the context's migrations are;
     * defaults to {@code classpath:db/migration/<name>}.
     * @param locations Flyway locations
     * @return this
     */
    public ContextSettings migrationLocations(String... locations) {
        migrationLocations.clear();
        migrationLocations.addAll(List.of(locations));
        return this;
    }

    /** @return what is set now, frozen for the start-up */
    ContextOverrides freeze() {
        return new ContextOverrides(strategy, schema, url, username, password, pool, migrationLocations);
    }
}
