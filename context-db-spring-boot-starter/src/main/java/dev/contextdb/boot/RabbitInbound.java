package dev.contextdb.boot;

import dev.contextdb.ContextEvents;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.SmartLifecycle;

/**
 * Reads each receiving context's queues ({@code context-db.events.rabbitmq.inbound.<context>.queues})
 * into the context's outbox with {@link ContextEvents#receive}: the message is acknowledged only
 * after the event is committed there, a redelivered message is skipped by its id, and the
 * context's listeners then receive the event in their own transactions, with their inbox.
 *
 * <p>A message that can never be taken (no message id, no type header, a type that is no class
 * here or no listener's, JSON that is no such event) is rejected without requeue: the queue's
 * dead-letter exchange gets it, if it has one. Any other failure (the database is down) rejects it
 * with requeue, so the broker delivers it again.
 */
final class RabbitInbound implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RabbitInbound.class);

    private final List<SimpleMessageListenerContainer> containers = new ArrayList<>();
    private final List<String> report = new ArrayList<>();
    private volatile boolean running;

    RabbitInbound(ContextEvents events, ConnectionFactory connectionFactory,
            Map<String, ContextDbRabbitProperties.Inbound> inbound) {
        inbound.forEach((context, settings) -> {
            if (settings.getQueues().isEmpty()) {
                return;
            }
            SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
            container.setQueueNames(settings.getQueues().toArray(String[]::new));
            // AUTO: acknowledged when the listener returns, that is after the receiving transaction committed.
            container.setAcknowledgeMode(AcknowledgeMode.AUTO);
            container.setDefaultRequeueRejected(true);
            container.setConcurrentConsumers(settings.getConcurrency());
            container.setRecoveryInterval(settings.getRecoveryInterval().toMillis());
            container.setBeanName("contextDbInbound-" + context);
            container.setMessageListener(message -> receive(events, context, message));
            container.afterPropertiesSet();
            containers.add(container);
            report.add("context '" + context + "' receives the events of RabbitMQ queues " + settings.getQueues());
        });
    }

    static void receive(ContextEvents events, String context, Message message) {
        MessageProperties properties = message.getMessageProperties();
        String id = properties.getMessageId();
        Object type = properties.getHeaders().get(RabbitExternalizer.TYPE_HEADER);
        UUID eventId;
        try {
            eventId = UUID.fromString(String.valueOf(id));
        } catch (IllegalArgumentException e) {
            throw reject(context, properties, "its message id '" + id + "' is no event id (a UUID)", e);
        }
        if (type == null) {
            throw reject(context, properties, "it has no header " + RabbitExternalizer.TYPE_HEADER
                    + " naming the event's class", null);
        }
        Charset charset = properties.getContentEncoding() == null ? StandardCharsets.UTF_8
                : Charset.forName(properties.getContentEncoding());
        try {
            events.receive(context, eventId, type.toString(), new String(message.getBody(), charset));
        } catch (IllegalArgumentException e) {
            throw reject(context, properties, e.getMessage(), e);
        }
    }

    private static AmqpRejectAndDontRequeueException reject(String context, MessageProperties properties,
            String why, Throwable cause) {
        String text = "Context '" + context + "' cannot take the message " + properties.getMessageId() + " from queue '"
                + properties.getConsumerQueue() + "': " + (why.endsWith(".") ? why.substring(0, why.length() - 1) : why)
                + ". It is rejected without requeue (to the queue's"
                + " dead-letter exchange, if it has one).";
        log.error(text);
        return new AmqpRejectAndDontRequeueException(text, cause);
    }

    @Override
    public void start() {
        log.info("context-db events: @Externalized events are sent to RabbitMQ, each done on its publisher confirm");
        report.forEach(line -> log.info("context-db events: {}", line));
        containers.forEach(SimpleMessageListenerContainer::start);
        running = true;
    }

    @Override
    public void stop() {
        containers.forEach(SimpleMessageListenerContainer::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    void destroy() {
        containers.forEach(SimpleMessageListenerContainer::destroy);
    }
}
