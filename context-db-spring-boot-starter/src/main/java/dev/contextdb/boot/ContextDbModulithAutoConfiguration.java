package dev.contextdb.boot;

import dev.contextdb.ContextDbConfigurationException;
import dev.contextdb.ContextModel;
import java.util.Arrays;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * Keeps Spring Modulith's own persistence features from running beside context-db's, which
 * would do the same work a second time through the one primary DataSource. Modulith's
 * programming model stays: {@code @ApplicationModule} packages are contexts and
 * {@code @ApplicationModuleListener} marks listeners.
 *
 * <p>Both checks refuse to start, with a {@link ContextDbConfigurationException} that names the
 * dependency or property to change, before any bean is created:
 * <ul>
 * <li>Modulith's event publication registry ({@code spring-modulith-starter-jdbc}, {@code -jpa},
 * {@code -mongodb}, {@code -neo4j} or their {@code spring-modulith-events-*} stores) while
 * context-db's events are on ({@code context-db.events.enabled}, default {@code true}): every
 * event would be stored and delivered twice.
 * <li>Modulith's module-aware Flyway ({@code spring.modulith.runtime.flyway-enabled=true}):
 * context-db migrates each context itself, in its own placement.
 * </ul>
 *
 * <pre>{@code
 * <dependency>                        <!-- the annotations only; no registry -->
 *   <groupId>org.springframework.modulith</groupId>
 *   <artifactId>spring-modulith-events-api</artifactId>
 * </dependency>
 * }</pre>
 */
@AutoConfiguration(after = ContextDbAutoConfiguration.class,
        afterName = "org.springframework.modulith.events.config.EventPublicationAutoConfiguration")
@ConditionalOnBean(ContextModel.class)
public final class ContextDbModulithAutoConfiguration {

    static final String REGISTRY = "org.springframework.modulith.events.core.EventPublicationRegistry";

    static final String MODULITH_FLYWAY = "org.springframework.modulith.runtime.flyway.SpringModulithFlywayMigrationStrategy";

    static final String MODULITH_FLYWAY_ENABLED = "spring.modulith.runtime.flyway-enabled";

    ContextDbModulithAutoConfiguration() {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = REGISTRY)
    @ConditionalOnBooleanProperty(name = "context-db.events.enabled", matchIfMissing = true)
    static final class EventPublicationRegistryCheck {

        /** A post-processor, so that the check runs once every definition is known and before any bean exists. */
        @Bean
        static BeanFactoryPostProcessor contextDbRefusesModulithsEventPublicationRegistry() {
            return EventPublicationRegistryCheck::check;
        }

        static void check(ConfigurableListableBeanFactory beanFactory) {
            Class<?> registry = ClassUtils.resolveClassName(REGISTRY, beanFactory.getBeanClassLoader());
            String[] names = beanFactory.getBeanNamesForType(registry, true, false);
            if (names.length > 0) {
                throw new ContextDbConfigurationException(null, "context-db.events.enabled",
                        "Spring Modulith's event publication registry (bean " + Arrays.toString(names)
                                + ") is active beside context-db's events. Both would store every event published"
                                + " in a transaction (Modulith's in one table through the primary DataSource,"
                                + " context-db's in each context's own outbox) and call each"
                                + " @ApplicationModuleListener for it: every event would be delivered twice.",
                        "drop Modulith's registry: remove spring-modulith-starter-jdbc (or -jpa, -mongodb, -neo4j)"
                                + " and any spring-modulith-events-jdbc/-jpa/-mongodb/-neo4j from the build, keeping"
                                + " spring-modulith-events-api for @ApplicationModuleListener and @Externalized;"
                                + " or switch context-db's events off with context-db.events.enabled=false.");
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.flywaydb.core.Flyway", MODULITH_FLYWAY})
    @ConditionalOnBooleanProperty(name = MODULITH_FLYWAY_ENABLED)
    static final class ModuleFlywayCheck {

        @Bean
        static BeanFactoryPostProcessor contextDbRefusesModulithsModuleFlyway() {
            return beanFactory -> {
                throw new ContextDbConfigurationException(null, MODULITH_FLYWAY_ENABLED,
                        MODULITH_FLYWAY_ENABLED + "=true asks Spring Modulith to run Boot's one Flyway once per"
                                + " module, on the primary DataSource. context-db migrates each context itself, in"
                                + " its own schema or database with its own history, so Modulith's module-aware"
                                + " migrations would never run.",
                        "remove " + MODULITH_FLYWAY_ENABLED + " (or set it to false). context-db already reads each"
                                + " context's scripts from classpath:db/migration/{context}, the folders Modulith"
                                + " uses; context-db.contexts.<name>.flyway.locations moves them.");
            };
        }
    }
}
