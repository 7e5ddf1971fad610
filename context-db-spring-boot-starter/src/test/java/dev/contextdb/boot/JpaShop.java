package dev.contextdb.boot;

import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.Pooling;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
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
        List<String> properties = Shop.placements(scenario, MODEL, 2);
        properties.addAll(List.of(migrations(scenario.kind())));
        return properties.toArray(String[]::new);
    }

    /** The JPA contexts' migrations for a vendor: only the identity column's DDL differs. */
    static String[] migrations(Kind kind) {
        String vendor = kind.name().toLowerCase(Locale.ROOT);
        return MODEL.names().stream()
                .map(context -> "context-db.contexts." + context + ".flyway.locations=classpath:db/jpa/" + vendor + "/"
                        + context)
                .toArray(String[]::new);
    }
}
