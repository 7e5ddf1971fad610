package dev.contextdb.boot;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextDbConfigurationException;
import dev.contextdb.ContextEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/**
 * Events between contexts over RabbitMQ, with Spring AMQP ({@code spring-boot-starter-amqp}) on
 * the class path: an event type annotated {@code @Externalized("exchange::routing-key")} (Spring
 * Modulith's events API) is also sent to RabbitMQ, as one more delivery of the publishing
 * context, done once RabbitMQ has confirmed it; and the queues of
 * {@code context-db.events.rabbitmq.inbound.<context>.queues} are read into that context's
 * {@code @ApplicationModuleListener} methods, once each.
 *
 * <pre>{@code
 * @Externalized("orders::order.placed")                 // orders' event
 * public record OrderPlaced(long id, String sku) { }
 *
 * // another process, context-db.events.rabbitmq.inbound.billing.queues=billing.orders
 * @ApplicationModuleListener                            // a bean of billing
 * void on(OrderPlaced placed) { invoices.open(placed.id()); }
 * }</pre>
 *
 * Publisher confirms: Boot's {@link CachingConnectionFactory} is switched to correlated confirms
 * unless it has simple ones; context-db sends with its own {@code RabbitTemplate} over it.
 */
@AutoConfiguration(after = ContextDbAutoConfiguration.class,
        afterName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
        before = ContextDbEventsAutoConfiguration.class)
@ConditionalOnClass(name = {"org.springframework.amqp.rabbit.core.RabbitTemplate",
        "org.springframework.modulith.events.Externalized", "tools.jackson.databind.json.JsonMapper"})
@ConditionalOnBooleanProperty(name = {"context-db.events.enabled", "context-db.events.rabbitmq.enabled"},
        matchIfMissing = true)
@ConditionalOnBean({ContextDb.class, ConnectionFactory.class})
@EnableConfigurationProperties(ContextDbRabbitProperties.class)
public final class ContextDbRabbitAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ContextDbRabbitAutoConfiguration.class);

    ContextDbRabbitAutoConfiguration() {
    }

    /** Correlated publisher confirms on Boot's connection factory: a send is done only once confirmed. */
    @Bean
    static BeanPostProcessor contextDbRabbitPublisherConfirms() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof CachingConnectionFactory factory && !factory.isPublisherConfirms()
                        && !factory.isSimplePublisherConfirms()) {
                    log.info("context-db events: correlated publisher confirms switched on for the RabbitMQ connection"
                            + " factory '{}', for @Externalized events", beanName);
                    factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
                }
                return bean;
            }
        };
    }

    @Bean
    ContextEvents.Externalizer contextDbRabbitExternalizer(ConnectionFactory connectionFactory,
            ContextDbRabbitProperties properties) {
        if (!connectionFactory.isPublisherConfirms()) {
            throw new ContextDbConfigurationException(null, "spring.rabbitmq.publisher-confirm-type",
                    "context-db sends @Externalized events to RabbitMQ and marks them sent only on a correlated publisher"
                            + " confirm, and the RabbitMQ connection factory (" + connectionFactory.getClass().getName()
                            + ") has none.",
                    "set spring.rabbitmq.publisher-confirm-type=correlated, or switch externalization off"
                            + " (context-db.events.rabbitmq.enabled=false).");
        }
        return new RabbitExternalizer(connectionFactory, properties.getConfirmTimeout());
    }

    /** Starts after the events deliver (it depends on that lifecycle), so a received event finds its listeners. */
    @Bean(destroyMethod = "destroy")
    RabbitInbound contextDbRabbitInbound(ObjectProvider<ContextEvents> events, ConnectionFactory connectionFactory,
            ContextDbRabbitProperties properties, ContextDb contextDb,
            @Qualifier("contextEventsDelivery") SmartLifecycle delivery) {
        properties.getInbound().keySet().forEach(context -> {
            if (!contextDb.model().names().contains(context)) {
                String property = ContextDbRabbitProperties.PREFIX + ".inbound." + context + ".queues";
                throw new ContextDbConfigurationException(context, property, property + " names no bounded context;"
                        + " declared: " + contextDb.model().names() + ".", "use the name of the context whose"
                        + " @ApplicationModuleListener methods receive the queue's events.");
            }
        });
        return new RabbitInbound(events.getObject(), connectionFactory, properties.getInbound());
    }
}
