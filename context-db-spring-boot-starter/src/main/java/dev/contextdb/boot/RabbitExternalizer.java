package dev.contextdb.boot;

import dev.contextdb.ContextEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;
import org.springframework.expression.common.TemplateParserContext;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;
import org.springframework.modulith.events.Externalized;
import org.springframework.util.StringUtils;

/**
 * Sends an {@code @Externalized} event to RabbitMQ and waits for the publisher confirm: the
 * delivery is done only then. As in Spring Modulith, {@code @Externalized("exchange::routing-key")}
 * names the exchange and the routing key, either may be a SpEL template on the event
 * ({@code "orders::placed.#{region()}"}); with no routing key the key is empty, with no exchange
 * the exchange is the event type's fully qualified name.
 *
 * <p>The message: id = the event id, body = the event's JSON as the outbox holds it, content
 * type {@code application/json}, persistent, headers {@value #TYPE_HEADER} (the event's class)
 * and {@value #CONTEXT_HEADER} (the publishing context).
 */
final class RabbitExternalizer implements ContextEvents.Externalizer {

    /** The header with the event's class name, by which a receiver reads the body. */
    static final String TYPE_HEADER = "contextdb-event-type";

    /** The header with the publishing context. */
    static final String CONTEXT_HEADER = "contextdb-context";

    private static final SpelExpressionParser PARSER = new SpelExpressionParser();

    private final RabbitTemplate template;
    private final Duration confirmTimeout;
    private final Map<Class<?>, Route> routes = new ConcurrentHashMap<>();

    RabbitExternalizer(ConnectionFactory connectionFactory, Duration confirmTimeout) {
        this.template = new RabbitTemplate(connectionFactory);
        this.confirmTimeout = confirmTimeout;
    }

    @Override
    public void send(ContextEvents.ExternalEvent event) throws Exception {
        Route route = routes.computeIfAbsent(event.event().getClass(), Route::of);
        String exchange = route.exchange(event.event());
        String routingKey = route.routingKey(event.event());
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(event.id().toString());
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding(StandardCharsets.UTF_8.name());
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setHeader(TYPE_HEADER, event.type());
        properties.setHeader(CONTEXT_HEADER, event.context());
        Message message = new Message(event.json().getBytes(StandardCharsets.UTF_8), properties);
        CorrelationData correlation = new CorrelationData(event.id().toString());
        template.send(exchange, routingKey, message, correlation);
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("RabbitMQ did not confirm event " + event.id() + " (" + event.type()
                    + ", exchange '" + exchange + "') within " + confirmTimeout + " (context-db.events.rabbitmq"
                    + ".confirm-timeout); it is sent again", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Sending event " + event.id() + " to RabbitMQ failed: "
                    + e.getCause().getMessage(), e.getCause());
        }
        if (!confirm.isAck()) {
            throw new IllegalStateException("RabbitMQ did not take event " + event.id() + " (" + event.type()
                    + ") for exchange '" + exchange + "' with routing key '" + routingKey + "': "
                    + confirm.getReason() + ". Declare the exchange (an Exchange bean), or fix @Externalized on "
                    + event.type() + "; the delivery is retried, then dead and resubmittable.");
        }
    }

    /** Exchange and routing key of one event type, parsed once. */
    record Route(Expression exchange, Expression routingKey) {

        static Route of(Class<?> type) {
            Externalized annotation = AnnotatedElementUtils.findMergedAnnotation(type, Externalized.class);
            String spec = annotation == null ? "" : StringUtils.hasText(annotation.value()) ? annotation.value()
                    : annotation.target();
            int separator = spec.indexOf("::");
            String exchange = separator < 0 ? spec : spec.substring(0, separator);
            String key = separator < 0 ? "" : spec.substring(separator + 2);
            if (!StringUtils.hasText(exchange)) {
                exchange = type.getName();
            }
            try {
                TemplateParserContext template = new TemplateParserContext();
                return new Route(PARSER.parseExpression(exchange, template), PARSER.parseExpression(key, template));
            } catch (RuntimeException e) {
                throw new IllegalStateException("@Externalized(\"" + spec + "\") on " + type.getName() + " is no"
                        + " \"exchange::routing-key\" whose SpEL parts (#{...}) parse: " + e.getMessage(), e);
            }
        }

        String exchange(Object event) {
            return evaluate(exchange, event);
        }

        String routingKey(Object event) {
            return evaluate(routingKey, event);
        }

        private static String evaluate(Expression expression, Object event) {
            SimpleEvaluationContext context = SimpleEvaluationContext.forReadOnlyDataBinding().withInstanceMethods()
                    .withRootObject(event).build();
            Object value = expression.getValue(context);
            return value == null ? "" : value.toString();
        }
    }
}
