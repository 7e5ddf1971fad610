package dev.contextdb.boot;

import com.zaxxer.hikari.HikariConfig;
import dev.contextdb.ContextDb;
import dev.contextdb.ContextModel;
import dev.contextdb.ContextSettings;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Maps the {@code context-db.*} properties onto {@link ContextDb.Builder}. Validation is the
 * builder's: it names the property and the context of every bad value.
 */
final class ContextDbFactory {

    /** HikariConfig property names by their relaxed form, so {@code maximum-pool-size} works as well. */
    private static final Map<String, String> HIKARI_PROPERTIES = hikariProperties();

    private ContextDbFactory() {
    }

    /**
     * @param transactionManagerCustomizers Boot's ({@code spring.transaction.*}, execution
     *     listeners), applied to each context's manager as to Boot's own; {@code null} when absent
     */
    static ContextDb build(ContextModel model, ContextDbProperties properties, Environment environment,
            ClassLoader classLoader, TransactionManagerCustomizers transactionManagerCustomizers) {
        return build(model, properties, environment, classLoader, transactionManagerCustomizers, List.of());
    }

    /**
     * @param integrations what the starter's integrations add to the builder (JPA: the transaction
     *     manager of each context with entities), applied after the properties
     */
    static ContextDb build(ContextModel model, ContextDbProperties properties, Environment environment,
            ClassLoader classLoader, TransactionManagerCustomizers transactionManagerCustomizers,
            List<ContextDbIntegration> integrations) {
        ContextDb.Builder builder = builder(model, properties, environment, classLoader);
        if (transactionManagerCustomizers != null) {
            builder.transactionManagerCustomizer((context, manager) -> transactionManagerCustomizers.customize(manager));
        }
        integrations.forEach(integration -> integration.customize(builder));
        return builder.build();
    }

    /**
     * The application's configuration as a builder, not started: what the application builds
     * from, and where the move command ({@link ContextDbMove}) reads where each context lives.
     */
    static ContextDb.Builder builder(ContextModel model, ContextDbProperties properties, Environment environment,
            ClassLoader classLoader) {
        ContextDb.Builder builder = ContextDb.builder(model)
                .strategy(properties.getStrategy())
                .pooling(properties.getPooling())
                .guard(properties.getGuard())
                .roles(properties.getRoles().isEnabled())
                .migrate(properties.getFlyway().isEnabled())
                .defaultContext(StringUtils.hasText(properties.getDefaultContext())
                        ? properties.getDefaultContext() : null)
                .classLoader(classLoader);
        if (properties.getStartupThreads() != null) {
            builder.startupThreads(properties.getStartupThreads());
        }
        if (properties.getMaxConnectionsPerContext() != null) {
            builder.maxConnectionsPerContext(properties.getMaxConnectionsPerContext());
        }
        sharedDatabase(builder, properties.getDatasource(), environment);
        properties.getPool().forEach((key, value) -> builder.pool(hikariName(key), value));
        properties.getContexts().forEach((name, context) -> builder.context(name, settings -> apply(context, settings)));
        return builder;
    }

    /**
     * {@code context-db.datasource.*}, else {@code spring.datasource.*}, else an embedded H2
     * database of this application context's own, as Boot does for its embedded databases.
     */
    private static void sharedDatabase(ContextDb.Builder builder, ContextDbProperties.DataSource own,
            Environment environment) {
        if (StringUtils.hasText(own.getUrl())) {
            builder.datasource(own.getUrl(), own.getUsername(), own.getPassword());
        } else if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            builder.datasource(environment.getProperty("spring.datasource.url"),
                    environment.getProperty("spring.datasource.username"),
                    environment.getProperty("spring.datasource.password"));
        }
        // Else the core's embedded H2: a database of this ContextDb's own, dropped when it closes.
    }

    private static void apply(ContextDbProperties.Context context, ContextSettings settings) {
        if (context.getStrategy() != null) {
            settings.strategy(context.getStrategy());
        }
        if (StringUtils.hasText(context.getSchema())) {
            settings.schema(context.getSchema());
        }
        ContextDbProperties.DataSource datasource = context.getDatasource();
        if (datasource.getUrl() != null || datasource.getUsername() != null || datasource.getPassword() != null) {
            settings.datasource(datasource.getUrl(), datasource.getUsername(), datasource.getPassword());
        }
        context.getPool().forEach((key, value) -> settings.pool(hikariName(key), value));
        if (!context.getFlyway().getLocations().isEmpty()) {
            settings.migrationLocations(context.getFlyway().getLocations().toArray(String[]::new));
        }
    }

    /** {@code maximum-pool-size}, {@code maximumpoolsize} (environment variables) → {@code maximumPoolSize}. */
    static String hikariName(String key) {
        return HIKARI_PROPERTIES.getOrDefault(relaxed(key), key);
    }

    private static String relaxed(String key) {
        return key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> hikariProperties() {
        Map<String, String> names = new HashMap<>();
        for (Method method : HikariConfig.class.getMethods()) {
            if (method.getName().startsWith("set") && method.getParameterCount() == 1 && method.getName().length() > 3) {
                String property = Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4);
                names.put(relaxed(property), property);
            }
        }
        return Map.copyOf(names);
    }
}
