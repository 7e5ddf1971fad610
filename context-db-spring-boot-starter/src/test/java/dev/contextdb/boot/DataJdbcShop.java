package dev.contextdb.boot;

import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import dev.contextdb.boot.datajdbc.DataJdbcApplication;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase;
import dev.contextdb.test.TestDatabase.Kind;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The Spring Data JDBC test application's contexts, its auto-configurations and its places per scenario. */
final class DataJdbcShop {

    static final ContextModel MODEL = ContextModel.of(
            ContextDefinition.of("orders", "dev.contextdb.boot.datajdbc.orders"),
            ContextDefinition.of("catalog", "dev.contextdb.boot.datajdbc.catalog"));

    /** Boot's Spring Data JDBC auto-configuration and context-db's, on top of {@link Shop#AUTO_CONFIGURATIONS}. */
    static final AutoConfigurations AUTO_CONFIGURATIONS = AutoConfigurations.of(
            DataJdbcRepositoriesAutoConfiguration.class, ContextDbDataJdbcAutoConfiguration.class);

    /** A runner with all of them and the application. */
    static ApplicationContextRunner runner() {
        return new ApplicationContextRunner().withConfiguration(Shop.AUTO_CONFIGURATIONS)
                .withConfiguration(AUTO_CONFIGURATIONS).withUserConfiguration(DataJdbcApplication.class);
    }

    /** A runner with all of them and the application's contexts, but none of its components. */
    static ApplicationContextRunner contextsOnly() {
        return new ApplicationContextRunner().withConfiguration(Shop.AUTO_CONFIGURATIONS)
                .withConfiguration(AUTO_CONFIGURATIONS).withUserConfiguration(ContextsOnly.class);
    }

    /** The application's contexts, nothing scanned. */
    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackages = "dev.contextdb.boot.datajdbc")
    static class ContextsOnly {
    }

    private DataJdbcShop() {
    }

    /** Properties that place both contexts as the scenario says (its places are created here). */
    static String[] properties(Scenario scenario) {
        // Four connections: outside a transaction, a query method that loads an aggregate's children
        // holds two at once (the children are read while the parents' rows are open), and under
        // SHARED each context may hold three quarters of the one pool.
        List<String> properties = Shop.placements(scenario, MODEL, 4);
        for (String context : MODEL.names()) {
            properties.add(migrations(context, scenario.kind()));
        }
        return properties.toArray(String[]::new);
    }

    /** A DATABASE context's connection settings and migrations, for a context on a database of its own. */
    static List<String> ownDatabase(String context, TestDatabase database, String name) {
        String prefix = "context-db.contexts." + context + ".";
        return List.of(prefix + "strategy=DATABASE", prefix + "datasource.url=" + database.urlOf(name),
                prefix + "datasource.username=" + database.username(),
                prefix + "datasource.password=" + database.password(), migrations(context, database.kind()));
    }

    /** Identity columns differ: MariaDB has auto_increment, H2 and PostgreSQL the standard form. */
    static String migrations(String context, Kind kind) {
        return "context-db.contexts." + context + ".flyway.locations=classpath:db/datajdbc/"
                + (kind == Kind.MARIADB ? "mariadb" : "standard") + "/" + context;
    }
}
