package dev.contextdb.boot;

import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.Pooling;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase;
import dev.contextdb.test.TestDatabase.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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
        return placements(scenario, MODEL, 2).toArray(String[]::new);
    }

    /**
     * Creates the scenario's schemas or databases for the contexts of {@code model} (dropped when
     * the scenario closes) and returns the properties that place them there: the test
     * applications' common part, to which each adds its migrations.
     */
    static List<String> placements(Scenario scenario, ContextModel model, int poolSize) {
        scenario.builder(model); // makes the scenario's schemas or databases
        List<String> properties = new ArrayList<>(List.of("context-db.strategy=" + scenario.strategy(),
                "context-db.pool.maximum-pool-size=" + poolSize, "context-db.pool.minimum-idle=1"));
        TestDatabase database = scenario.database();
        switch (scenario.strategy()) {
            case SCHEMA -> {
                properties.addAll(shared(database.url(), database));
                for (String context : model.names()) {
                    properties.add("context-db.contexts." + context + ".schema=" + scenario.placeOf(context));
                }
            }
            case SHARED -> properties.addAll(shared(scenario.kind() == Kind.H2 ? database.url()
                    : database.urlWithDefaultSchema(scenario.sharedSchema()), database));
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

    /** @return every vendor with every strategy, for parameterized tests */
    static Stream<Object[]> everyVendorAndStrategy() {
        List<Object[]> scenarios = new ArrayList<>();
        for (Kind kind : List.of(Kind.H2, Kind.POSTGRESQL, Kind.MARIADB)) {
            for (IsolationStrategy strategy : IsolationStrategy.values()) {
                scenarios.add(new Object[] {kind, strategy});
            }
        }
        return scenarios.stream();
    }

    static Scenario scenario(Kind kind, IsolationStrategy strategy) {
        return new Scenario(kind, strategy, Pooling.PER_CONTEXT);
    }

    private static List<String> shared(String url, TestDatabase database) {
        return List.of("context-db.datasource.url=" + url, "context-db.datasource.username=" + database.username(),
                "context-db.datasource.password=" + database.password());
    }
}
