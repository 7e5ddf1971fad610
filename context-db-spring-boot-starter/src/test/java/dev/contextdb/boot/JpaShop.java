package dev.contextdb.boot;

import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.Pooling;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The JPA test application's contexts, Boot's JPA auto-configurations plus ours, and its places per scenario. */
final class JpaShop {

    static final ContextModel MODEL = ContextModel.of(ContextDefinition.of("shipping", "dev.contextdb.boot.jpa.shipping"),
            ContextDefinition.of("stock", "dev.contextdb.boot.jpa.stock"));

    /** Boot's JPA auto-configurations, which must back off, and context-db's. */
    static final AutoConfigurations JPA_AUTO_CONFIGURATIONS = AutoConfigurations.of(HibernateJpaAutoConfiguration.class,
            DataJpaRepositoriesAutoConfiguration.class, ContextDbJpaAutoConfiguration.class);

    private JpaShop() {
    }

    static ApplicationContextRunner runner() {
        return new ApplicationContextRunner().withConfiguration(Shop.AUTO_CONFIGURATIONS)
                .withConfiguration(JPA_AUTO_CONFIGURATIONS);
    }

    static Scenario scenario(Kind kind, IsolationStrategy strategy) {
        return new Scenario(kind, strategy, Pooling.PER_CONTEXT);
    }

    /** The scenario's places for shipping and stock, and their migrations for the scenario's vendor. */
    static String[] properties(Scenario scenario) {
        List<String> properties = placement(scenario, MODEL);
        properties.addAll(List.of(migrations(scenario.kind())));
        return properties.toArray(String[]::new);
    }

    /** Creates the scenario's schemas or databases for the model's contexts; the properties that place them there. */
    static List<String> placement(Scenario scenario, ContextModel model) {
        scenario.builder(model);
        List<String> properties = new ArrayList<>(List.of("context-db.strategy=" + scenario.strategy(),
                "context-db.pool.maximum-pool-size=2", "context-db.pool.minimum-idle=1"));
        var database = scenario.database();
        switch (scenario.strategy()) {
            case SCHEMA -> {
                properties.addAll(shared(database.url(), database.username(), database.password()));
                for (String context : model.names()) {
                    properties.add("context-db.contexts." + context + ".schema=" + scenario.placeOf(context));
                }
            }
            case SHARED -> properties.addAll(shared(scenario.kind() == Kind.H2 ? database.url()
                    : database.urlWithDefaultSchema(scenario.sharedSchema()), database.username(), database.password()));
            case DATABASE -> {
                for (String context : model.names()) {
                    String prefix = "context-db.contexts." + context + ".datasource.";
                    properties.add(prefix + "url=" + database.urlOf(scenario.placeOf(context)));
                    properties.add(prefix + "username=" + database.username());
                    properties.add(prefix + "password=" + database.password());
                }
            }
        }
        return properties;
    }

    /** The JPA contexts' migrations for a vendor: only the identity column's DDL differs. */
    static String[] migrations(Kind kind) {
        String vendor = kind.name().toLowerCase(Locale.ROOT);
        return MODEL.names().stream()
                .map(context -> "context-db.contexts." + context + ".flyway.locations=classpath:db/jpa/" + vendor + "/"
                        + context)
                .toArray(String[]::new);
    }

    private static List<String> shared(String url, String username, String password) {
        return List.of("context-db.datasource.url=" + url, "context-db.datasource.username=" + username,
                "context-db.datasource.password=" + password);
    }
}
