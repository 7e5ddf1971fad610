package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/** Flyway per context: order, failures, and tables of the same name in two contexts. */
class MigrationTest {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void contextsMigrateInReadsOrder(Kind kind) {
        // alpha's view selects from zulu's table: it only migrates after zulu, although alpha sorts first.
        ContextModel model = ContextModel.scan("dev.contextdb.fixtures.readsorder");
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SHARED, Pooling.PER_CONTEXT);
                ContextDb db = scenario.builder(model).build()) {
            assertThat(db.placements()).extracting(Placement::context).containsExactly("zulu", "alpha");
            assertThat(db.migrations().get("alpha").applied()).isEqualTo(1);
            // The instance that migrated alpha, kept for inspection; it agrees with the result.
            assertThat(db.flyway("alpha").orElseThrow().info().current()
                    .getVersion().getVersion()).isEqualTo("1");
            assertThat(db.placement("alpha").reads()).containsExactly("zulu");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void eachMigratorIsConfiguredForItsOwnContext(Kind kind) {
        // Flyway's environment is resolved before each instance is made (a start-up saving): each
        // instance must still carry its own context's schema, history table and DataSource.
        ContextModel model = ContextModel.scan("dev.contextdb.fixtures.shop");
        for (IsolationStrategy strategy : new IsolationStrategy[] {IsolationStrategy.SCHEMA, IsolationStrategy.SHARED}) {
            try (Scenario scenario = new Scenario(kind, strategy, Pooling.PER_CONTEXT);
                    ContextDb db = scenario.builder(model).build()) {
                for (String context : model.names()) {
                    var configuration = db.flyway(context).orElseThrow()
                            .getConfiguration();
                    Placement placement = db.placement(context);
                    if (strategy == IsolationStrategy.SCHEMA) {
                        assertThat(configuration.getSchemas()).containsExactly(placement.schema());
                        assertThat(configuration.getDefaultSchema()).isEqualTo(placement.schema());
                        assertThat(configuration.getTable()).isEqualTo("flyway_schema_history");
                    } else {
                        assertThat(configuration.getSchemas()).isEmpty();
                        assertThat(configuration.getTable()).isEqualTo("flyway_schema_history_" + context);
                    }
                    assertThat(configuration.getLocations()).extracting(Object::toString)
                            .containsExactly("classpath:db/migration/" + context);
                    assertThat(configuration.getLoggers()).containsExactly("slf4j");
                }
                assertThat(db.migrations().get("orders").applied()).isPositive();
            }
        }
    }

    @org.junit.jupiter.api.Test
    void flywayStillLogsThroughSlf4jWhenItsLoggerIsChosenOnce() {
        // Flyway's "auto" logging would choose SLF4J here (logback is its provider); context-db
        // chooses it once for every context instead of Flyway looking again for each instance.
        Logger flywayLogger = (Logger) LoggerFactory.getLogger("org.flywaydb");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        flywayLogger.addAppender(appender);
        Level level = flywayLogger.getLevel();
        flywayLogger.setLevel(Level.INFO);
        try (Scenario scenario = new Scenario(Kind.H2, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                ContextDb db = scenario.builder(ContextModel.scan("dev.contextdb.fixtures.shop")).build()) {
            assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anyMatch(message -> message.startsWith("Successfully applied")
                            && message.contains(db.placement("orders").schema()));
        } finally {
            flywayLogger.setLevel(level);
            flywayLogger.detachAppender(appender);
        }
    }

    @org.junit.jupiter.api.Test
    void withoutMigrationsTheMigratorIsConfiguredButHasRunNothingAndAnUnknownContextIsNamed() {
        // The way to repair a context's history: a start that migrates fails until it is repaired.
        ContextModel model = ContextModel.scan("dev.contextdb.fixtures.readsorder");
        try (Scenario scenario = new Scenario(Kind.H2, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                ContextDb db = scenario.builder(model).migrate(false).build()) {
            org.flywaydb.core.Flyway alpha = db.flyway("alpha").orElseThrow();
            assertThat(alpha.getConfiguration().getSchemas()).containsExactly(db.placement("alpha").schema());
            assertThat(alpha.info().applied()).isEmpty();
            assertThat(alpha.info().pending()).hasSize(1);
            assertThat(db.flyway("alpha").orElseThrow()).isSameAs(alpha);
            assertThat(db.migrations()).isEmpty();
            assertThatThrownBy(() -> db.flyway("omega"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("omega");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aFailedMigrationNamesTheContextAndTheScript(Kind kind) {
        ContextModel model = ContextModel.scan("dev.contextdb.fixtures.broken");
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT)) {
            // One step at a time: with more, sound (same reads level) would migrate beside faulty.
            assertThatThrownBy(() -> scenario.builder(model).startupThreads(1).build())
                    .isInstanceOf(ContextDbMigrationException.class)
                    .hasMessageStartingWith("Migration of context 'faulty' failed in script V2__broken.sql: ")
                    .satisfies(e -> {
                        assertThat(((ContextDbMigrationException) e).getContext()).isEqualTo("faulty");
                        assertThat(((ContextDbMigrationException) e).getScript()).isEqualTo("V2__broken.sql");
                    });
            // faulty migrates first (reads order, then by name): its first migration stands, the
            // startup stops there and sound is not touched.
            assertThat(scenario.database().tablesIn(scenario.placeOf("faulty"))).contains("faulty_thing");
            assertThat(scenario.database().tablesIn(scenario.placeOf("sound"))).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aFailureWhileContextsMigrateAtOnceIsReportedAfterTheOthersFinish(Kind kind) {
        ContextModel model = ContextModel.scan("dev.contextdb.fixtures.broken");
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT)) {
            assertThatThrownBy(() -> scenario.builder(model).startupThreads(2).build())
                    .isInstanceOf(ContextDbMigrationException.class)
                    .hasMessageStartingWith("Migration of context 'faulty' failed in script V2__broken.sql: ");
            // sound migrated beside faulty, wholly: no step is abandoned half-way.
            assertThat(scenario.database().tablesIn(scenario.placeOf("sound")))
                    .containsExactlyInAnyOrder("sound_thing", "flyway_schema_history");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void twoContextsOwningATableOfTheSameNameClashOnlyUnderShared(Kind kind) {
        ContextModel model = ContextModel.scan("dev.contextdb.fixtures.clash");
        for (IsolationStrategy strategy : new IsolationStrategy[] {IsolationStrategy.SCHEMA, IsolationStrategy.DATABASE}) {
            try (Scenario scenario = new Scenario(kind, strategy, Pooling.PER_CONTEXT);
                    ContextDb db = scenario.builder(model).build()) {
                assertThat(scenario.tablesOf("ledger")).contains("entry");
                assertThat(scenario.tablesOf("journal")).contains("entry");
            }
        }
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SHARED, Pooling.PER_CONTEXT)) {
            assertThatThrownBy(() -> scenario.builder(model).build())
                    .isInstanceOf(ContextDbMigrationException.class)
                    .hasMessage("Context 'ledger' cannot create table 'entry' (script V1__entry.sql) under strategy"
                            + " SHARED: context 'journal' already owns a table of that name in the shared schema. Fix:"
                            + " rename one of the tables, or give one context its own schema"
                            + " (context-db.contexts.ledger.strategy=SCHEMA).");
        }
    }
}
