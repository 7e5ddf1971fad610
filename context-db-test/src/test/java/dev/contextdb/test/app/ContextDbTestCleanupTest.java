package dev.contextdb.test.app;

import static dev.contextdb.IsolationStrategy.DATABASE;
import static dev.contextdb.IsolationStrategy.SCHEMA;
import static dev.contextdb.IsolationStrategy.SHARED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextDbConfigurationException;
import dev.contextdb.Placement;
import dev.contextdb.test.ContextDbTest;
import dev.contextdb.test.TestDatabase;
import dev.contextdb.test.app.inventory.StockLevels;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs slice test classes with JUnit's test kit, to see what only the end of a class shows: the
 * schemas and databases of every run are gone, and a slice that cannot be placed fails with the
 * core's message.
 */
class ContextDbTestCleanupTest {

    /** What the runs of {@link InventoryRuns} saw: schema or database names of their own. */
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    private static final String KIT = "contextdb.test.kit";

    @Test
    void dropsTheSchemasAndDatabasesOfEveryRunWhenItEnds() throws Exception {
        try (TestDatabase postgres = TestDatabase.postgres()) {
            SEEN.clear();
            Events tests = kit(InventoryRuns.class);
            tests.assertStatistics(stats -> stats.succeeded(3).failed(0));
            assertThat(SEEN).hasSize(6);   // per run: the shared schema and inventory's schema or database
            for (String name : SEEN) {
                assertThat(name).matches("(contextdb|inventory)_t[a-z0-9]{7}");
            }
            try (Connection connection = DriverManager.getConnection(postgres.url(), postgres.username(),
                    postgres.password())) {
                assertThat(existing(connection, "select nspname from pg_namespace")).doesNotContainAnyElementsOf(SEEN);
                assertThat(existing(connection, "select datname from pg_database")).doesNotContainAnyElementsOf(SEEN);
            }
        }
    }

    @Test
    void refusesToPlaceAReadingContextUnderDatabaseWithTheCoresMessage() {
        Events tests = kit(OrdersInOwnDatabase.class);
        tests.assertStatistics(stats -> stats.failed(1));
        Throwable failure = tests.failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
        Throwable cause = failure;
        while (cause != null && !(cause instanceof ContextDbConfigurationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("cause of %s", failure).isNotNull();
        assertThat(cause.getMessage()).contains("Context 'orders' declares reads = \"catalog\", but context 'orders'"
                + " uses strategy DATABASE");
    }

    private static Events kit(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").configurationParameter(KIT, "true")
                .selectors(selectClass(testClass)).execute().testEvents();
    }

    /** The nested classes run in the test kit only, not when a pattern of surefire selects them. */
    static final class InTestKitOnly implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(KIT).isPresent()
                    ? ConditionEvaluationResult.enabled("run by ContextDbTestCleanupTest")
                    : ConditionEvaluationResult.disabled("run by ContextDbTestCleanupTest only");
        }
    }

    private static List<String> existing(Connection connection, String sql) throws Exception {
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    @ContextDbTest(value = "inventory", strategy = {SHARED, SCHEMA, DATABASE}, properties = {
            "context-db.datasource.url=${CONTEXTDB_POSTGRES_URL:jdbc:postgresql://127.0.0.1:5432/test}",
            "context-db.datasource.username=${CONTEXTDB_POSTGRES_USER:postgres}",
            "context-db.datasource.password=${CONTEXTDB_POSTGRES_PASSWORD:}"})
    @ExtendWith(InTestKitOnly.class)
    static class InventoryRuns {

        @Autowired JdbcClient jdbc;
        @Autowired StockLevels stock;
        @Autowired ContextDb contextDb;
        @Autowired Environment environment;

        @Test
        void recordsItsNames() {
            stock.receive("tea", 1);
            String shared = environment.getProperty("context-db.datasource.url").replaceAll(".*currentSchema=", "");
            SEEN.add(shared);
            Placement inventory = contextDb.placement("inventory");
            SEEN.add(switch (inventory.strategy()) {
                case SHARED -> shared;
                case SCHEMA -> inventory.schema();
                case DATABASE -> jdbc.sql("select current_database()").query(String.class).single();
            });
        }
    }

    @ContextDbTest(value = "orders", strategy = DATABASE)
    @ExtendWith(InTestKitOnly.class)
    static class OrdersInOwnDatabase {

        @Test
        void neverRuns() {
        }
    }
}
