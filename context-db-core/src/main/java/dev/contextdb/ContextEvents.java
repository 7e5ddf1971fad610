package dev.contextdb;

import dev.contextdb.internal.events.EventEngine;
import dev.contextdb.internal.events.EventJson;
import dev.contextdb.internal.events.EventSettings;
import dev.contextdb.internal.events.ModuleListenerFactory;
import dev.contextdb.internal.events.OutboxMulticaster;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.EventListenerFactory;

/**
 * Events between contexts: an event published inside a transaction of one context is stored in
 * that context's outbox, in the same transaction, and delivered after the commit to every method
 * annotated {@code @ApplicationModuleListener} (Spring Modulith's events API) on a bean of any
 * context, each in a new transaction of the listener's own context. An inbox row written in that
 * transaction makes the listener's effect happen once, even when a delivery is repeated. Failed
 * deliveries are retried with exponential backoff; after the last attempt a delivery is
 * <em>dead</em>: listed here and resubmittable.
 *
 * <pre>{@code
 * // orders
 * @Transactional
 * public void place(Order order) {
 *     jdbc.sql("insert into purchase_order ...").update();
 *     events.publishEvent(new OrderPlaced(order.id(), order.sku()));   // stored with the order, or not at all
 * }
 *
 * // inventory, after orders commits, in an inventory transaction
 * @ApplicationModuleListener
 * void on(OrderPlaced placed) { jdbc.sql("update stock ...").update(); }
 *
 * // operations
 * contextEvents.dead().forEach(dead -> log.warn("{}", dead));
 * contextEvents.resubmit(contextEvents.dead());
 * }</pre>
 *
 * The Spring Boot starter sets all of this up from {@code context-db.events.*}. Without Boot, register
 * {@link #listenerFactory()}, {@link #multicaster(Supplier)} as the bean
 * {@code applicationEventMulticaster}, and call {@link #start(ApplicationEventMulticaster)} once the
 * application context is refreshed.
 */
public final class ContextEvents implements AutoCloseable {

    private final EventEngine engine;

    private ContextEvents(EventEngine engine) {
        this.engine = engine;
    }

    /**
     * @param db the running contexts
     * @return a builder with the defaults of the {@code context-db.events.*} properties
     */
    public static Builder builder(ContextDb db) {
        return new Builder(db);
    }

    /**
     * Spring's factory for the {@code @ApplicationModuleListener} methods, to register as a bean
     * (a static one: Spring looks factories up before the application's beans exist).
     * @return the factory
     */
    public static EventListenerFactory listenerFactory() {
        return new ModuleListenerFactory();
    }

    /**
     * The application's event multicaster, to register as the bean {@code applicationEventMulticaster}:
     * it stores events that {@code @ApplicationModuleListener} methods listen to in the publishing
     * context's outbox, and calls every other listener as Spring does.
     * @param events looked up at the first such event, so that the multicaster, which Spring creates
     *     early, does not start the data layer early
     * @return the multicaster
     */
    public static ApplicationEventMulticaster multicaster(Supplier<ContextEvents> events) {
        return new OutboxMulticaster(() -> events.get().engine);
    }

    /**
     * Starts delivering, beginning with what earlier runs left undelivered.
     * @param multicaster the one {@link #multicaster(Supplier)} returned, with the application's listeners
     */
    public void start(ApplicationEventMulticaster multicaster) {
        engine.start(multicaster);
    }

    /**
     * @return every {@code @ApplicationModuleListener} that receives events, with the event type, by
     *     context: {@code "com.acme.inventory.Stock.on(com.acme.orders.OrderPlaced) <- com.acme.orders.OrderPlaced"}
     */
    public Map<String, String> listeners() {
        return engine.listenerContexts();
    }

    /**
     * @return the dead deliveries of every context, oldest first
     */
    public List<DeadDelivery> dead() {
        return engine.dead().stream().map(row -> new DeadDelivery(row.context(), row.id(), UUID.fromString(row.eventId()),
                row.type(), row.listenerId(), row.listenerContext(), row.attempts(), row.lastError(),
                Instant.ofEpochMilli(row.publishedAt()))).toList();
    }

    /**
     * Makes dead deliveries pending again, with a fresh count of attempts, and delivers them.
     * @param deliveries some of what {@link #dead()} returned
     * @return how many were dead and are pending again
     */
    public int resubmit(List<DeadDelivery> deliveries) {
        int count = 0;
        for (DeadDelivery delivery : deliveries) {
            count += engine.resubmit(delivery.context(), delivery.id());
        }
        return count;
    }

    /**
     * Resubmits every dead delivery of a publishing context.
     * @param context the context that published the events
     * @return how many
     */
    public int resubmitAll(String context) {
        return engine.resubmit(context, null);
    }

    /**
     * Counts a context's deliveries in one state.
     * @param context the publishing context
     * @param state {@code "PENDING"}, {@code "DONE"} or {@code "DEAD"}
     * @return how many
     */
    public int count(String context, String state) {
        return engine.count(context, state);
    }

    /**
     * Each listener's backlog, read from every context's outbox now (one grouped query per
     * context), and what this instance delivered. The figures behind the {@code contextdb.events.*}
     * metrics and the actuator endpoint.
     *
     * <pre>{@code
     * contextEvents.status().stream().filter(listener -> listener.dead() > 0)
     *         .forEach(listener -> log.warn("{} has {} dead deliveries", listener.listenerId(), listener.dead()));
     * }</pre>
     *
     * @return every {@code @ApplicationModuleListener} of the application, and any other listener id
     *     that undelivered deliveries still name (renamed or removed), by context, then listener id
     */
    public List<ListenerStatus> status() {
        return engine.status().stream().map(row -> new ListenerStatus(row.context(), row.listenerId(), row.eventType(),
                row.pending(), row.oldestPublishedAt() == 0 ? null : Instant.ofEpochMilli(row.oldestPublishedAt()),
                row.dead(), row.delivered(), row.failedAttempts()))
                .sorted(Comparator.comparing(ListenerStatus::context).thenComparing(ListenerStatus::listenerId))
                .toList();
    }

    /**
     * @param context a context
     * @return the names of its outbox, delivery and inbox tables, as they are in its placement
     */
    public List<String> tables(String context) {
        return engine.tables(context);
    }

    /** Stops claiming, and waits (at most a lease) for the deliveries that are running. */
    @Override
    public void close() {
        engine.close();
    }

    /**
     * Takes in an event that arrived from outside the application, for example from a RabbitMQ
     * queue: stores it in the context's outbox, in a transaction of the context, with a delivery
     * to each of the context's {@code @ApplicationModuleListener} methods that accept its type,
     * which then receive it as they receive a local event (retries, dead, inbox). The event id
     * keeps it once: an event received (or published here) before is skipped.
     *
     * <pre>{@code
     * boolean stored = events.receive("billing", UUID.fromString(message.getMessageProperties().getMessageId()),
     *         "com.acme.orders.OrderPlaced", new String(message.getBody(), StandardCharsets.UTF_8));
     * // acknowledge the message now: the event is committed in billing's outbox
     * }</pre>
     *
     * @param context the receiving context
     * @param id the event's id, as its publisher gave it (the message id)
     * @param type the event's class name, which the listeners' parameters accept
     * @param json the event as JSON
     * @return {@code false} when the context had received this event already: nothing was stored
     * @throws IllegalArgumentException when the context is unknown, the type is no class here, the
     *     JSON is no such event, or no listener of the context takes it: sending it again does not help
     */
    public boolean receive(String context, UUID id, String type, String json) {
        return engine.receive(context, id.toString(), type, json);
    }

    /**
     * Sends {@code @Externalized} events to a message broker; see {@link Builder#externalizer}.
     */
    @FunctionalInterface
    public interface Externalizer {

        /**
         * Sends one event and returns only once the broker has confirmed it: the delivery is then
         * done. A failure (or no confirm in time) is retried with the listeners' backoff.
         * @param event the event
         * @throws Exception when the broker did not take it
         */
        void send(ExternalEvent event) throws Exception;
    }

    /**
     * An {@code @Externalized} event on its way out.
     *
     * @param id the event's id: the message id, by which receivers drop duplicates
     * @param context the publishing context
     * @param type the event's class name
     * @param json the event as JSON, as the outbox holds it
     * @param event the event, read back from the JSON
     */
    public record ExternalEvent(UUID id, String context, String type, String json, Object event) {
    }

    /**
     * A delivery that failed its last attempt.
     *
     * @param context the publishing context, whose outbox holds it
     * @param id the delivery's id in that outbox
     * @param eventId the event's id
     * @param eventType the event's class
     * @param listenerId the listener: its class, method and parameter types, or its declared id
     * @param listenerContext the listener's context
     * @param attempts how many attempts failed
     * @param lastError the last failure's class and message
     * @param publishedAt when the event was published
     */
    public record DeadDelivery(String context, long id, UUID eventId, String eventType, String listenerId,
            String listenerContext, int attempts, String lastError, Instant publishedAt) {
    }

    /**
     * One listener's figures. Pending and dead deliveries are counted in every publishing
     * context's outbox, so they cover every instance sharing them; delivered and failed attempts are
     * this instance's, since it started.
     *
     * @param context the listener's context
     * @param listenerId the listener: its class, method and parameter types, or its declared id
     * @param eventType the event class it receives, or {@code null} for a listener id that only
     *     deliveries name (no such listener in this application)
     * @param pending deliveries waiting to be delivered, or retried
     * @param oldestPending when the oldest pending event was published, or {@code null} when none is pending
     * @param dead deliveries that failed their last attempt, waiting for a resubmit
     * @param delivered deliveries this instance completed since it started: the listener's
     *     transaction committed, or the inbox showed the event applied already
     * @param failedAttempts attempts that failed in this instance since it started (each retry counts)
     */
    public record ListenerStatus(String context, String listenerId, String eventType, int pending,
            Instant oldestPending, int dead, long delivered, long failedAttempts) {
    }

    /**
     * Settings of the events between contexts, named after the {@code context-db.events.*} properties.
     */
    public static final class Builder {

        private final ContextDb db;
        private int maxAttempts = 5;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private double backoffMultiplier = 2;
        private Duration maxBackoff = Duration.ofMinutes(5);
        private double jitter = 0.5;
        private Duration pollInterval = Duration.ofSeconds(30);
        private Duration lease = Duration.ofMinutes(1);
        private Duration retention = Duration.ofDays(7);
        private int cleanupBatch = 500;
        private int threads = 4;
        private String instanceId;
        private Object jsonMapper;
        private ClassLoader classLoader = ContextEvents.class.getClassLoader();
        private Externalizer externalizer;
        private final Map<Class<?>, Function<Object, ?>> keys = new LinkedHashMap<>();

        private Builder(ContextDb db) {
            this.db = Objects.requireNonNull(db, "db");
        }

        /**
         * {@code context-db.events.max-attempts}: attempts of a delivery before it is dead; 5 by default.
         * @param attempts at least 1
         * @return this
         */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = positive("context-db.events.max-attempts", attempts);
            return this;
        }

        /**
         * {@code context-db.events.backoff.*}: the wait before a retry, {@code initial} after the first
         * failure, times {@code multiplier} after each further one, at most {@code max}; 1 s, 2, 5 min by default.
         * @param initial the first wait
         * @param multiplier at least 1
         * @param max the longest wait
         * @return this
         */
        public Builder backoff(Duration initial, double multiplier, Duration max) {
            if (multiplier < 1) {
                throw new ContextDbConfigurationException(null, "context-db.events.backoff.multiplier",
                        "context-db.events.backoff.multiplier = " + multiplier + " would shorten each wait.",
                        "set it to 1 or more.");
            }
            this.initialBackoff = Objects.requireNonNull(initial, "initial");
            this.backoffMultiplier = multiplier;
            this.maxBackoff = Objects.requireNonNull(max, "max");
            return this;
        }

        /**
         * {@code context-db.events.backoff.jitter}: the share of each wait that is random, so that
         * deliveries failing together do not retry together; 0.5 by default (a wait of 50% to 100%).
         * @param jitter from 0 to 1
         * @return this
         */
        public Builder jitter(double jitter) {
            if (jitter < 0 || jitter > 1) {
                throw new ContextDbConfigurationException(null, "context-db.events.backoff.jitter",
                        "context-db.events.backoff.jitter = " + jitter + " is not a share.", "set it from 0 to 1.");
            }
            this.jitter = jitter;
            return this;
        }

        /**
         * {@code context-db.events.poll-interval}: how often every outbox is looked at although no
         * commit woke the dispatcher (events of other instances, expired leases); 30 s by default.
         * @param interval the interval
         * @return this
         */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /**
         * {@code context-db.events.lease}: how long a claimed delivery is reserved for the instance
         * that claimed it; another instance delivers it after that, should the first have died. Longer
         * than the slowest listener; 1 min by default.
         * @param lease the lease
         * @return this
         */
        public Builder lease(Duration lease) {
            this.lease = Objects.requireNonNull(lease, "lease");
            return this;
        }

        /**
         * {@code context-db.events.retention}: how long delivered events and inbox rows are kept
         * before they are deleted, in batches; 7 days by default.
         * @param retention the retention
         * @return this
         */
        public Builder retention(Duration retention) {
            this.retention = Objects.requireNonNull(retention, "retention");
            return this;
        }

        /**
         * {@code context-db.events.cleanup-batch}: rows deleted per statement; 500 by default.
         * @param batch at least 1
         * @return this
         */
        public Builder cleanupBatch(int batch) {
            this.cleanupBatch = positive("context-db.events.cleanup-batch", batch);
            return this;
        }

        /**
         * {@code context-db.events.threads}: deliveries that run at once in this instance; 4 by default.
         * @param threads at least 1
         * @return this
         */
        public Builder threads(int threads) {
            this.threads = positive("context-db.events.threads", threads);
            return this;
        }

        /**
         * {@code context-db.events.instance-id}: this instance's name in the leases it takes; by
         * default the process id, the host and a random part.
         * @param instanceId a name unique among the instances sharing the outboxes
         * @return this
         */
        public Builder instanceId(String instanceId) {
            this.instanceId = instanceId;
            return this;
        }

        /**
         * Orders the deliveries of an event type by a key: events with the same key reach each
         * listener in the order they were published, a later one only when the earlier one is
         * delivered (a dead one holds the later ones back until it is resubmitted). Events without
         * a key are delivered in no particular order, several at once.
         *
         * <pre>{@code
         * ContextEvents.builder(db).orderedBy(OrderPlaced.class, OrderPlaced::orderId)
         * }</pre>
         *
         * @param type the event type (its subtypes too)
         * @param key the key of an event, or {@code null} for none
         * @param <T> the event type
         * @return this
         */
        @SuppressWarnings("unchecked")
        public <T> Builder orderedBy(Class<T> type, Function<? super T, ?> key) {
            keys.put(Objects.requireNonNull(type, "type"), (Function<Object, ?>) Objects.requireNonNull(key, "key"));
            return this;
        }

        /**
         * The JSON mapper for the events: a Jackson 3 {@code tools.jackson.databind.json.JsonMapper}
         * (the Spring Boot starter passes the application's); a default one when not set.
         * @param jsonMapper the mapper
         * @return this
         */
        public Builder jsonMapper(Object jsonMapper) {
            this.jsonMapper = jsonMapper;
            return this;
        }

        /**
         * @param classLoader loads the event types and the events' table scripts
         * @return this
         */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /**
         * Sends every event whose type is annotated {@code @Externalized} (Spring Modulith's events
         * API) to a message broker: as one more delivery of the publishing context, stored with the
         * event, retried, dead and resubmittable like a listener's, and done once {@code send}
         * returns. The starter sets the RabbitMQ one when Spring AMQP is on the class path.
         * @param externalizer the sender, or {@code null} for none (externalized events then stay local)
         * @return this
         */
        public Builder externalizer(Externalizer externalizer) {
            this.externalizer = externalizer;
            return this;
        }

        /**
         * Creates the event tables in every context's placement (with their own Flyway history) and
         * returns the events, not yet delivering.
         * @return the events
         */
        public ContextEvents build() {
            if (!org.springframework.util.ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper", classLoader)) {
                throw new ContextDbConfigurationException(null, "context-db.events.enabled",
                        "context-db's events store each event as JSON, and Jackson 3 is not on the class path.",
                        "add tools.jackson.core:jackson-databind (spring-boot-starter-json), or switch events off"
                                + " (context-db.events.enabled=false).");
            }
            String id = instanceId != null ? instanceId : ManagementFactory.getRuntimeMXBean().getName() + "-"
                    + UUID.randomUUID().toString().substring(0, 8);
            EventSettings settings = new EventSettings(maxAttempts, initialBackoff, backoffMultiplier, maxBackoff, jitter,
                    pollInterval, lease, retention, cleanupBatch, threads, id, keys, new EventJson(jsonMapper),
                    classLoader);
            EventEngine engine = new EventEngine(db, settings);
            if (externalizer != null) {
                engine.externalizeWith(event -> externalizer.send(new ExternalEvent(UUID.fromString(event.id()),
                        event.context(), event.type(), event.json(), event.event())));
            }
            return new ContextEvents(engine);
        }

        private static int positive(String property, int value) {
            if (value < 1) {
                throw new ContextDbConfigurationException(null, property, property + " = " + value + " is too small.",
                        "set it to 1 or more.");
            }
            return value;
        }
    }
}
