package dev.contextdb.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.ContextDbConfigurationException;
import dev.contextdb.ContextDbMigrationException;
import dev.contextdb.boot.props.ContextsOnly;
import dev.contextdb.test.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** What a developer reads when context-db cannot start: the context, the property or script, and the fix. */
class FailureAnalyzersTests {

    private static final String NL = System.lineSeparator();

    private final TestDatabase h2 = TestDatabase.h2();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(Shop.AUTO_CONFIGURATIONS)
            .withUserConfiguration(ContextsOnly.class)
            .withPropertyValues("context-db.datasource.url=" + h2.url(), "context-db.datasource.username=sa",
                    "context-db.pool.maximum-pool-size=2");

    @AfterEach
    void dropDatabase() {
        h2.close();
    }

    @Test
    void aDatabaseContextWithoutItsOwnDatabaseNamesTheContextAndTheProperty() {
        runner.withPropertyValues("context-db.contexts.billing.strategy=database").run(context -> {
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).isEqualTo("Context 'billing' uses strategy DATABASE but has no database"
                    + " of its own: context-db.contexts.billing.datasource.url is not set." + NL + NL
                    + "    Context: billing" + NL + "    Property: context-db.contexts.billing.datasource.url");
            assertThat(analysis.getAction()).isEqualTo("Set context-db.contexts.billing.datasource.url (and"
                    + " .username/.password) to the context's own database, or choose strategy SCHEMA or SHARED for it.");
        });
    }

    @Test
    void settingsForAnUndeclaredContextNameIt() {
        runner.withPropertyValues("context-db.contexts.shipping.schema=parcels").run(context -> {
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).isEqualTo("context-db.contexts.shipping is configured, but no package"
                    + " declares a context 'shipping'; declared contexts: [billing, sales]." + NL + NL
                    + "    Context: shipping" + NL + "    Property: context-db.contexts.shipping");
            assertThat(analysis.getAction()).startsWith("Declare @BoundedContext(\"shipping\")");
        });
    }

    @Test
    void anUnknownDefaultContextNamesTheProperty() {
        runner.withPropertyValues("context-db.default-context=shipping").run(context -> {
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).isEqualTo("context-db.default-context = shipping names no declared"
                    + " context; declared: [billing, sales]." + NL + NL + "    Context: shipping" + NL
                    + "    Property: context-db.default-context");
        });
    }

    @Test
    void aFailedMigrationNamesTheContextAndTheScript() {
        runner.withPropertyValues("context-db.contexts.sales.flyway.locations=classpath:db/broken/sales").run(context -> {
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription())
                    .startsWith("Migration of context 'sales' failed in script V1__broken.sql: ")
                    .endsWith(NL + NL + "    Context: sales" + NL + "    Script: V1__broken.sql");
            // H2 keeps the DDL before the failure: the action is the fix the message gives, the
            // starter's way of repairing first.
            assertThat(analysis.getDescription()).contains("H2 cannot roll back DDL: V1__broken.sql is partly applied");
            assertThat(analysis.getAction()).startsWith("undo the statements still applied, correct V1__broken.sql,"
                    + " run Flyway's repair on the history of context 'sales' (with Spring Boot, start once with"
                    + " context-db.flyway.enabled=false and call salesFlyway.repair();");
        });
    }

    @Test
    void theConfigurationAnalysisShowsTheExceptionsFieldsEvenWhenTheDescriptionSaysFix() {
        ContextDbConfigurationException failure = new ContextDbConfigurationException("sales",
                "context-db.contexts.sales.schema", "Schema 'a Fix: b' of context 'sales' is not an identifier.",
                "choose a schema name of letters, digits and underscores.");

        FailureAnalysis analysis = analyze(failure);

        assertThat(analysis.getDescription()).isEqualTo("Schema 'a Fix: b' of context 'sales' is not an identifier."
                + NL + NL + "    Context: sales" + NL + "    Property: context-db.contexts.sales.schema");
        assertThat(analysis.getAction()).isEqualTo("Choose a schema name of letters, digits and underscores.");
    }

    @Test
    void theMigrationAnalysisShowsTheExceptionsFieldsEvenWhenTheDescriptionSaysFix() {
        // A database's own error text may say "Fix:"; only the exception knows where its action starts.
        ContextDbMigrationException failure = new ContextDbMigrationException("sales", "V2__status.sql",
                "Migration of context 'sales' failed in script V2__status.sql: syntax error. Fix: the hint of the"
                        + " database.", "correct V2__status.sql and restart.", new IllegalStateException("cause"));

        FailureAnalysis analysis = analyze(failure);

        assertThat(failure.getMessage()).isEqualTo("Migration of context 'sales' failed in script V2__status.sql:"
                + " syntax error. Fix: the hint of the database. Fix: correct V2__status.sql and restart.");
        assertThat(analysis.getDescription()).isEqualTo("Migration of context 'sales' failed in script"
                + " V2__status.sql: syntax error. Fix: the hint of the database." + NL + NL + "    Context: sales" + NL
                + "    Script: V2__status.sql");
        assertThat(analysis.getAction()).isEqualTo("correct V2__status.sql and restart.");
    }

    @Test
    void aMigrationFailureWithoutAnActionGetsTheGeneralOne() {
        FailureAnalysis analysis = analyze(new ContextDbMigrationException("sales", null,
                "Migration of context 'sales' failed: connection refused.", new IllegalStateException("cause")));

        assertThat(analysis.getDescription()).isEqualTo("Migration of context 'sales' failed: connection refused."
                + NL + NL + "    Context: sales");
        assertThat(analysis.getAction()).startsWith("Correct the migration of context 'sales' (or its database)"
                + " and restart.");
    }

    /** The way Boot does it: every FailureAnalyzer registered in spring.factories, first answer wins. */
    static FailureAnalysis analyze(Throwable failure) {
        assertThat(failure).isNotNull();
        // Boot's own analyzers that need the bean factory cannot be made here; they are not under test.
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
                .load(FailureAnalyzer.class, (type, implementation, failed) -> { });
        assertThat(analyzers).hasAtLeastOneElementOfType(ContextDbConfigurationFailureAnalyzer.class)
                .hasAtLeastOneElementOfType(ContextDbMigrationFailureAnalyzer.class);
        for (FailureAnalyzer analyzer : analyzers) {
            if (analyzer instanceof ContextDbConfigurationFailureAnalyzer
                    || analyzer instanceof ContextDbMigrationFailureAnalyzer) {
                FailureAnalysis analysis = analyzer.analyze(failure);
                if (analysis != null) {
                    return analysis;
                }
            }
        }
        throw new AssertionError("No context-db analysis of " + failure);
    }
}
