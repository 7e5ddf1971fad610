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
}
