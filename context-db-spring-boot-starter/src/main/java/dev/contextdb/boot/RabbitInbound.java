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
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.config.StatelessRetryOperationsInterceptor;
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
 * dead-letter exchange gets it, if it has one. Any other failure (the context's database is down
 * or unreachable) is no fault of the message: the consumer tries it again after a pause that grows
 * exponentially ({@code retry.*}, Spring AMQP's stateless retry), and once those retries are
 * spent it requeues the message, for RabbitMQ to deliver it again and the pauses to start over.
 * Such a message is never dead-lettered: nothing would move it back once the database is up.
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
            container.setAdviceChain(retry(context, settings.getRetry()));
            container.afterPropertiesSet();
            containers.add(container);
            report.add("context '" + context + "' receives the events of RabbitMQ queues " + settings.getQueues());
        });
    }

    /**
     * Retries a message whose event could not be stored, in the consumer, with exponential
     * backoff; then requeues it. A message rejected for good is neither retried nor requeued.
     */
    private static StatelessRetryOperationsInterceptor retry(String context, ContextDbRabbitProperties.Retry retry) {
        return RetryInterceptorBuilder.stateless()
                .configureRetryPolicy(policy -> policy.maxRetries(retry.getMaxRetries())
                        .delay(retry.getInitialInterval())
                        .multiplier(retry.getMultiplier())
                        .maxDelay(retry.getMaxInterval())
                        .predicate(failure -> rejected(failure) == null))
                .recoverer((message, failure) -> {
                    AmqpRejectAndDontRequeueException rejected = rejected(failure);
                    if (rejected != null) {
                        throw rejected;
                    }
                    log.warn("Context '{}' could not store the event of message {} after {} retries; it is requeued,"
                            + " for RabbitMQ to deliver it again", context,
                            message.getMessageProperties().getMessageId(), retry.getMaxRetries());
                    throw new ImmediateRequeueAmqpException("Context '" + context + "' could not store the event of"
                            + " message " + message.getMessageProperties().getMessageId() + ": requeued", failure);
                })
                .build();
    }

    private static AmqpRejectAndDontRequeueException rejected(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AmqpRejectAndDontRequeueException rejected) {
                return rejected;
            }
        }
        return null;
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
        } catch (RuntimeException e) {
            log.warn("Context '{}' could not store the event of message {} from queue '{}'; it is tried again after a"
                    + " pause: {}", context, id, properties.getConsumerQueue(), e.getMessage());
            throw e;
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
