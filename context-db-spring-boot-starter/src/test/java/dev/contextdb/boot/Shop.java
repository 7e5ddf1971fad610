package dev.contextdb.boot;

import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.Pooling;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

/** The test application's contexts, Boot's data auto-configurations plus ours, and a database per scenario. */
final class Shop {

    static final ContextModel MODEL = ContextModel.of(ContextDefinition.of("sales", "dev.contextdb.boot.app.sales"),
            ContextDefinition.of("billing", "dev.contextdb.boot.app.billing"));

    /** Boot's auto-configurations that context-db must be ordered against, and context-db's own. */
    static final AutoConfigurations AUTO_CONFIGURATIONS = AutoConfigurations.of(AopAutoConfiguration.class,
            TransactionAutoConfiguration.class, DataSourceAutoConfiguration.class,
            DataSourceTransactionManagerAutoConfiguration.class, DataSourceInitializationAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class, FlywayAutoConfiguration.class,
            JooqAutoConfiguration.class, ContextDbAutoConfiguration.class, ContextDbFlywayAutoConfiguration.class,
            ContextDbJooqAutoConfiguration.class);

    private Shop() {
    }

    /**
     * Creates the scenario's schemas or databases (dropped when it closes) and returns the
     * properties that place the shop's contexts there, with small pools.
     */
    static String[] properties(Scenario scenario) {
        return properties(scenario, MODEL);
    }

    /** As {@link #properties(Scenario)}, for another application's contexts. */
    static String[] properties(Scenario scenario, ContextModel model) {
        scenario.builder(model); // makes the scenario's schemas or databases
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
        return properties.toArray(String[]::new);
    }

    static Scenario scenario(Kind kind, IsolationStrategy strategy) {
        return new Scenario(kind, strategy, Pooling.PER_CONTEXT);
    }

    private static List<String> shared(String url, String username, String password) {
        return List.of("context-db.datasource.url=" + url, "context-db.datasource.username=" + username,
                "context-db.datasource.password=" + password);
    }
}
