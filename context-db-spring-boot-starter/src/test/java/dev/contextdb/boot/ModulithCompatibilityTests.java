package dev.contextdb.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.ContextDbConfigurationException;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.boot.props.ContextsOnly;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.modulith.events.config.EventPublicationAutoConfiguration;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.util.ClassUtils;

/**
 * Spring Modulith's own persistence beside context-db, with the real Modulith 2.1 jars
 * ({@code spring-modulith-starter-jdbc}, {@code spring-modulith-runtime}) on the class path: its
 * event publication registry is refused while context-db's events are on (no event is delivered
 * twice), its module-aware Flyway is refused always (context-db migrates each context).
 */
class ModulithCompatibilityTests {

    private static final String NL = System.lineSeparator();

    /** Modulith's JDBC event store, its serializer and its registry: what spring-modulith-starter-jdbc brings. */
    private static final AutoConfigurations MODULITH_JDBC_EVENTS = AutoConfigurations.of(
            modulith("org.springframework.modulith.events.jackson.JacksonEventSerializationConfiguration"),
            modulith("org.springframework.modulith.events.jdbc.JdbcEventPublicationAutoConfiguration"),
            EventPublicationAutoConfiguration.class);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(Shop.AUTO_CONFIGURATIONS)
            .withConfiguration(AutoConfigurations.of(ContextDbModulithAutoConfiguration.class))
            .withUserConfiguration(ContextsOnly.class);

    @Test
    void modulithsEventRegistryBesideContextDbsEventsIsRefusedBeforeAnythingStarts() {
        try (Scenario scenario = Shop.scenario(Kind.H2, IsolationStrategy.SCHEMA)) {
            runner.withConfiguration(MODULITH_JDBC_EVENTS).withPropertyValues(Shop.properties(scenario)).run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).isInstanceOf(ContextDbConfigurationException.class);
                FailureAnalysis analysis = FailureAnalyzersTests.analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).isEqualTo("Spring Modulith's event publication registry (bean"
                        + " [eventPublicationRegistry]) is active beside context-db's events. Both would store every"
                        + " event published in a transaction (Modulith's in one table through the primary DataSource,"
                        + " context-db's in each context's own outbox) and call each @ApplicationModuleListener for"
                        + " it: every event would be delivered twice." + NL + NL
                        + "    Property: context-db.events.enabled");
                assertThat(analysis.getAction()).isEqualTo("Drop Modulith's registry: remove"
                        + " spring-modulith-starter-jdbc (or -jpa, -mongodb, -neo4j) and any"
                        + " spring-modulith-events-jdbc/-jpa/-mongodb/-neo4j from the build, keeping"
                        + " spring-modulith-events-api for @ApplicationModuleListener and @Externalized; or switch"
                        + " context-db's events off with context-db.events.enabled=false.");
                // Refused before any bean: no context was migrated, no pool opened.
                assertThat(scenario.tablesOf("sales")).isEmpty();
                assertThat(scenario.tablesOf("billing")).isEmpty();
            });
        }
    }

    @Test
    void withContextDbsEventsOffModulithsRegistryRunsAndStoresThroughTheRoutingDataSource() {
        try (Scenario scenario = Shop.scenario(Kind.H2, IsolationStrategy.SCHEMA)) {
            runner.withConfiguration(MODULITH_JDBC_EVENTS).withPropertyValues(Shop.properties(scenario))
                    .withPropertyValues("context-db.events.enabled=false", "context-db.default-context=sales")
                    .run(context -> {
                        assertThat(context).hasNotFailed().hasSingleBean(EventPublicationRegistry.class);
                        // Its one table goes wherever the primary DataSource routes: the default context.
                        assertThat(scenario.tablesOf("sales")).contains("event_publication");
                        assertThat(scenario.tablesOf("billing")).doesNotContain("event_publication");
                    });
        }
    }

    @Test
    void modulithsModuleAwareFlywayIsRefusedWithTheFix() {
        try (Scenario scenario = Shop.scenario(Kind.H2, IsolationStrategy.SCHEMA)) {
            runner.withPropertyValues(Shop.properties(scenario))
                    .withPropertyValues("spring.modulith.runtime.flyway-enabled=true").run(context -> {
                        assertThat(context).hasFailed();
                        FailureAnalysis analysis = FailureAnalyzersTests.analyze(context.getStartupFailure());
                        assertThat(analysis.getDescription()).isEqualTo("spring.modulith.runtime.flyway-enabled=true"
                                + " asks Spring Modulith to run Boot's one Flyway once per module, on the primary"
                                + " DataSource. context-db migrates each context itself, in its own schema or database"
                                + " with its own history, so Modulith's module-aware migrations would never run."
                                + NL + NL + "    Property: spring.modulith.runtime.flyway-enabled");
                        assertThat(analysis.getAction()).isEqualTo("Remove spring.modulith.runtime.flyway-enabled (or"
                                + " set it to false). context-db already reads each context's scripts from"
                                + " classpath:db/migration/{context}, the folders Modulith uses;"
                                + " context-db.contexts.<name>.flyway.locations moves them.");
                        assertThat(scenario.tablesOf("sales")).isEmpty();
                    });
            runner.withPropertyValues(Shop.properties(scenario))
                    .withPropertyValues("spring.modulith.runtime.flyway-enabled=false")
                    .run(context -> assertThat(context).hasNotFailed());
        }
    }

    /** The names checked are Modulith 2.1's own: a rename there must fail here, not pass silently. */
    @Test
    void theCheckedNamesExistInModulith() throws IOException {
        for (String type : List.of(ContextDbModulithAutoConfiguration.REGISTRY, ContextDbModulithAutoConfiguration.MODULITH_FLYWAY,
                "org.springframework.modulith.events.config.EventPublicationAutoConfiguration")) {
            assertThat(ClassUtils.isPresent(type, null)).as(type).isTrue();
        }
        assertThat(metadataDeclaring("\"name\": \"" + ContextDbModulithAutoConfiguration.MODULITH_FLYWAY_ENABLED + "\""))
                .as("Modulith's configuration metadata declares " + ContextDbModulithAutoConfiguration.MODULITH_FLYWAY_ENABLED)
                .isTrue();
    }

    private static boolean metadataDeclaring(String text) throws IOException {
        for (URL url : Collections.list(ClassLoader.getSystemClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            if (url.toString().contains("spring-modulith-runtime")) {
                try (InputStream in = url.openStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8).contains(text);
                }
            }
        }
        return false;
    }

    private static Class<?> modulith(String name) {
        return ClassUtils.resolveClassName(name, ModulithCompatibilityTests.class.getClassLoader());
    }
}
