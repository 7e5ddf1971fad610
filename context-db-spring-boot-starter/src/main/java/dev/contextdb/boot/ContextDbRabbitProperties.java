package dev.contextdb.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code context-db.events.rabbitmq.*} properties: {@code @Externalized} events sent to
 * RabbitMQ, and queues read into a context's listeners.
 *
 * <pre>
 * context-db:
 *   events:
 *     rabbitmq:
 *       confirm-timeout: 10s
 *       inbound:
 *         billing:
 *           queues: billing.orders        # its messages go to billing's @ApplicationModuleListener methods
 * </pre>
 */
@ConfigurationProperties(ContextDbRabbitProperties.PREFIX)
public class ContextDbRabbitProperties {

    static final String PREFIX = "context-db.events.rabbitmq";

    /**
     * Whether events of a type annotated @Externalized are also sent to RabbitMQ (with Spring AMQP
     * on the class path), and the inbound queues read.
     */
    private boolean enabled = true;

    /**
     * How long a send waits for RabbitMQ's publisher confirm; without one in time the delivery
     * counts as failed and is retried (the receivers drop the duplicate, should it have arrived).
     */
    private Duration confirmTimeout = Duration.ofSeconds(10);

    /**
     * Queues read into a context, by context name: each message (its id the event id, its type in
     * the header contextdb-event-type) is stored in the context's outbox and delivered to the
     * context's @ApplicationModuleListener methods that take its type, once.
     */
    private Map<String, Inbound> inbound = new LinkedHashMap<>();

    /** @return {@code context-db.events.rabbitmq.enabled} */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled {@code context-db.events.rabbitmq.enabled} */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** @return {@code context-db.events.rabbitmq.confirm-timeout} */
    public Duration getConfirmTimeout() {
        return confirmTimeout;
    }

    /** @param confirmTimeout {@code context-db.events.rabbitmq.confirm-timeout} */
    public void setConfirmTimeout(Duration confirmTimeout) {
        this.confirmTimeout = confirmTimeout;
    }

    /** @return {@code context-db.events.rabbitmq.inbound} */
    public Map<String, Inbound> getInbound() {
        return inbound;
    }

    /** @param inbound {@code context-db.events.rabbitmq.inbound} */
    public void setInbound(Map<String, Inbound> inbound) {
        this.inbound = inbound;
    }

    /** The queues of one receiving context. */
    public static class Inbound {

        /** Queues whose messages the context receives; they must exist (declare them as Queue beans). */
        private List<String> queues = new ArrayList<>();

        /** Consumers per queue. */
        private int concurrency = 1;

        /** How soon a consumer reconnects after it lost the broker. */
        private Duration recoveryInterval = Duration.ofSeconds(1);

        /**
         * How a message whose event could not be stored (the context's database down) is tried
         * again: in the consumer, after growing pauses; then requeued.
         */
        private Retry retry = new Retry();

        /** @return the retry of a message whose event could not be stored */
        public Retry getRetry() {
            return retry;
        }

        /** @param retry the retry of a message whose event could not be stored */
        public void setRetry(Retry retry) {
            this.retry = retry;
        }

        /** @return the queues */
        public List<String> getQueues() {
            return queues;
        }

        /** @param queues the queues */
        public void setQueues(List<String> queues) {
            this.queues = queues;
        }

        /** @return consumers per queue */
        public int getConcurrency() {
            return concurrency;
        }

        /** @param concurrency consumers per queue */
        public void setConcurrency(int concurrency) {
            this.concurrency = concurrency;
        }

        /** @return the reconnect interval */
        public Duration getRecoveryInterval() {
            return recoveryInterval;
        }

        /** @param recoveryInterval the reconnect interval */
        public void setRecoveryInterval(Duration recoveryInterval) {
            this.recoveryInterval = recoveryInterval;
        }
    }

    /**
     * The retry of a message whose event the receiving context could not store: the pause before
     * the first retry, growing by the multiplier up to the maximum; after the last retry the
     * message is requeued and RabbitMQ delivers it again.
     */
    public static class Retry {

        /** The pause before the first retry. */
        private Duration initialInterval = Duration.ofSeconds(1);

        /** By how much each pause is longer than the one before. */
        private double multiplier = 2.0;

        /** The longest pause. */
        private Duration maxInterval = Duration.ofSeconds(30);

        /** Retries in the consumer before the message is requeued. */
        private int maxRetries = 10;

        /** @return the pause before the first retry */
        public Duration getInitialInterval() {
            return initialInterval;
        }

        /** @param initialInterval the pause before the first retry */
        public void setInitialInterval(Duration initialInterval) {
            this.initialInterval = initialInterval;
        }

        /** @return the factor between two pauses */
        public double getMultiplier() {
            return multiplier;
        }

        /** @param multiplier the factor between two pauses */
        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        /** @return the longest pause */
        public Duration getMaxInterval() {
            return maxInterval;
        }

        /** @param maxInterval the longest pause */
        public void setMaxInterval(Duration maxInterval) {
            this.maxInterval = maxInterval;
        }

        /** @return retries before the message is requeued */
        public int getMaxRetries() {
            return maxRetries;
        }

        /** @param maxRetries retries before the message is requeued */
        public void setMaxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
        }
    }
}
