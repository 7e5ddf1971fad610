package dev.contextdb.boot;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextDbConfigurationException;
import dev.contextdb.ContextEvents;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.EventListenerFactory;
import org.springframework.core.io.ResourceLoader;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events between contexts: with Spring Modulith's events API on the class path, an event that
 * {@code @ApplicationModuleListener} methods listen to is stored in the publishing context's
 * outbox, in its transaction, and delivered to each listener in a transaction of the listener's
 * own context, once (see {@link ContextEvents}). Configured by {@code context-db.events.*}.
 *
 * <pre>{@code
 * @ApplicationModuleListener                         // a bean of inventory
 * void on(OrderPlaced placed) { stock.reserve(placed.sku()); }
 * }</pre>
 *
 * To switch it off: {@code context-db.events.enabled=false}; the listeners are then Spring
 * Modulith's plain after-commit listeners again.
 */
@AutoConfiguration(after = ContextDbAutoConfiguration.class,
        afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass(name = {"org.springframework.modulith.events.ApplicationModuleListener",
        "tools.jackson.databind.json.JsonMapper"})
@ConditionalOnBooleanProperty(name = "context-db.events.enabled", matchIfMissing = true)
@ConditionalOnBean(ContextDb.class)
public final class ContextDbEventsAutoConfiguration {

    ContextDbEventsAutoConfiguration() {
    }

    /** Static: Spring looks event listener factories up before any other bean exists. */
    @Bean
    static EventListenerFactory contextDbEventListenerFactory() {
        return ContextEvents.listenerFactory();
    }

    /** Static, and the events looked up lazily: Spring creates the multicaster early in the refresh. */
    @Bean(name = "applicationEventMulticaster")
    @ConditionalOnMissingBean(name = "applicationEventMulticaster")
    static ApplicationEventMulticaster applicationEventMulticaster(ObjectProvider<ContextEvents> events) {
        return ContextEvents.multicaster(events::getObject);
    }

    @Bean(destroyMethod = "close")
    ContextEvents contextEvents(ContextDb contextDb, ContextDbProperties properties,
            ObjectProvider<JsonMapper> jsonMapper, ResourceLoader resourceLoader,
            ObjectProvider<ContextEvents.Externalizer> externalizer) {
        ContextDbProperties.Events events = properties.getEvents();
        ClassLoader classLoader = resourceLoader.getClassLoader();
        ContextEvents.Builder builder = ContextEvents.builder(contextDb)
                .maxAttempts(events.getMaxAttempts())
                .backoff(events.getBackoff().getInitial(), events.getBackoff().getMultiplier(),
                        events.getBackoff().getMax())
                .jitter(events.getBackoff().getJitter())
                .pollInterval(events.getPollInterval())
                .lease(events.getLease())
                .retention(events.getRetention())
                .cleanupBatch(events.getCleanupBatch())
                .threads(events.getThreads())
                .instanceId(events.getInstanceId())
                .jsonMapper(jsonMapper.getIfAvailable())
                .externalizer(externalizer.getIfAvailable())
                .classLoader(classLoader == null ? ContextEvents.class.getClassLoader() : classLoader);
        events.getOrderingKeys().forEach((type, expression) -> orderBy(builder, type, expression, classLoader));
        return builder.build();
    }

    /** Starts delivering once every listener is registered, before the application reports it is ready. */
    @Bean
    SmartLifecycle contextEventsDelivery(ContextDb contextDb, ContextEvents events,
            @Qualifier("applicationEventMulticaster") ApplicationEventMulticaster multicaster) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                events.start(multicaster);
                running = true;
                StartupReport.logEvents(contextDb, events);
            }

            @Override
            public void stop() {
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }

    private static void orderBy(ContextEvents.Builder builder, String type, String expression,
            ClassLoader classLoader) {
        String property = "context-db.events.ordering-keys[" + type + "]";
        Class<?> eventType;
        try {
            eventType = ClassUtils.forName(type, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ContextDbConfigurationException(null, property,
                    property + " names no class on the class path.", "write the event class's fully qualified name.", e);
        }
        Expression key;
        try {
            key = new SpelExpressionParser().parseExpression(expression);
        } catch (ParseException e) {
            throw new ContextDbConfigurationException(null, property,
                    property + " = " + expression + " is no SpEL expression: " + e.getMessage(),
                    "write an expression on the event, for example orderId().", e);
        }
        SimpleEvaluationContext evaluation = SimpleEvaluationContext.forReadOnlyDataBinding().withInstanceMethods()
                .build();
        builder.orderedBy(eventType, event -> key.getValue(evaluation, event));
    }
}
