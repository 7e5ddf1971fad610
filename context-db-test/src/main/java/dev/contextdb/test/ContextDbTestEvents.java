package dev.contextdb.test;

import dev.contextdb.ContextEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ClassUtils;

/**
 * The events of a {@link ContextDbTest}: what the context published during the current test method,
 * and a way to hand an event to the context's {@code @ApplicationModuleListener} methods and wait
 * for their effect. Injected into the test class; present in every {@code @ContextDbTest}.
 *
 * <pre>{@code
 * @ContextDbTest("orders")
 * class OrderDeskTest {
 *
 *     @Autowired OrderDesk desk;
 *     @Autowired ContextDbTestEvents events;
 *
 *     @Test
 *     void announcesThePlacedOrder() {                     // rolled back, and still published
 *         desk.place("tea", 2);
 *         assertThat(events.published(OrderPlaced.class)).containsExactly(new OrderPlaced("tea", 2));
 *     }
 * }
 *
 * @ContextDbTest("shipping")
 * @Transactional(propagation = Propagation.NOT_SUPPORTED)   // the listener commits in its own transaction
 * class ShipmentsTest {
 *
 *     @Autowired ContextDbTestEvents events;
 *     @Autowired Shipments shipments;
 *
 *     @Test
 *     void shipsAPlacedOrder() {
 *         events.deliver(new OrderPlaced("tea", 2));      // returns once shipping's listener committed
 *         assertThat(shipments.count()).isEqualTo(1);
 *     }
 * }
 * }</pre>
 */
public final class ContextDbTestEvents {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final String context;
    private final ObjectProvider<ContextEvents> contextEvents;
    private final ObjectProvider<?> jsonMapper;
    private final List<Object> published = new CopyOnWriteArrayList<>();

    ContextDbTestEvents(String context, BeanFactory beanFactory) {
        this.context = context;
        this.contextEvents = beanFactory.getBeanProvider(ContextEvents.class);
        this.jsonMapper = ClassUtils.isPresent(Json.MAPPER, ContextDbTestEvents.class.getClassLoader())
                ? beanFactory.getBeanProvider(ClassUtils.resolveClassName(Json.MAPPER,
                        ContextDbTestEvents.class.getClassLoader()))
                : null;
    }

    /**
     * The events of a type that were published (with {@code ApplicationEventPublisher.publishEvent})
     * since the current test method began, its {@code @BeforeEach} methods included, in the order they
     * were published. They are recorded when they are published, so a rolled-back test sees them too.
     *
     * @param type the event type (its subtypes too)
     * @param <T> the event type
     * @return the events, oldest first
     */
    public <T> List<T> published(Class<T> type) {
        List<T> events = new ArrayList<>();
        for (Object event : published) {
            if (type.isInstance(event)) {
                events.add(type.cast(event));
            }
        }
        return events;
    }

    /**
     * Hands an event to the tested context's {@code @ApplicationModuleListener} methods as if
     * another context had published it, and returns once every delivery of the context is done,
     * each committed in the listener's own transaction; waits at most 10 seconds.
     *
     * @param event an event that a listener of the context takes
     * @throws AssertionError when a delivery of the event is dead, with the listener's last error
     *     (the slice makes one failed attempt final: {@code context-db.events.max-attempts=1}, unless
     *     the test sets it), or when the deliveries are still pending after the timeout
     * @throws IllegalStateException when called in a transaction (the test method's): the listener
     *     commits its effect, which the test's rollback would not undo; run the test with
     *     {@code @Transactional(propagation = Propagation.NOT_SUPPORTED)}
     * @throws IllegalArgumentException when no listener of the context takes the event
     */
    public void deliver(Object event) {
        deliver(event, DEFAULT_TIMEOUT);
    }

    /**
     * {@link #deliver(Object)}, waiting at most {@code timeout}.
     *
     * @param event an event that a listener of the context takes
     * @param timeout how long to wait for the deliveries
     */
    public void deliver(Object event, Duration timeout) {
        Objects.requireNonNull(event, "event");
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("ContextDbTestEvents.deliver runs in a transaction (the test method's, of"
                    + " context '" + context + "'), but the listeners of '" + context + "' commit their effect in"
                    + " their own transactions, which the test's rollback does not undo, and which would wait for the"
                    + " test's locks. Annotate the test method or class with @Transactional(propagation ="
                    + " Propagation.NOT_SUPPORTED).");
        }
        ContextEvents events = contextEvents.getIfAvailable();
        if (events == null) {
            throw new IllegalStateException("The @ContextDbTest of context '" + context + "' has no ContextEvents:"
                    + " context-db's events need Spring Modulith's events API (org.springframework.modulith:"
                    + "spring-modulith-events-api) and Jackson 3 on the class path, and context-db.events.enabled"
                    + " not false.");
        }
        UUID id = UUID.randomUUID();
        events.receive(context, id, event.getClass().getName(), Json.write(jsonMapper, event));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (events.count(context, "PENDING") > 0) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Event " + id + " (" + event + ") was not delivered to the listeners of '"
                        + context + "' within " + timeout + ": " + events.count(context, "PENDING")
                        + " deliveries of '" + context + "' are still pending; listeners: " + events.status());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        for (ContextEvents.DeadDelivery dead : events.dead()) {
            if (dead.eventId().equals(id)) {
                throw new AssertionError("The delivery of " + event + " to " + dead.listenerId() + " (context '"
                        + dead.listenerContext() + "') is dead after " + dead.attempts() + " attempt(s): "
                        + dead.lastError());
            }
        }
    }

    /** Forgets what was published before the test method that begins. */
    void clear() {
        published.clear();
    }

    /** Records every event published with {@code publishEvent}, as Spring's multicaster hands it out. */
    GenericApplicationListener recorder() {
        return new GenericApplicationListener() {
            @Override
            public boolean supportsEventType(ResolvableType eventType) {
                return PayloadApplicationEvent.class.isAssignableFrom(eventType.toClass());
            }

            @Override
            public void onApplicationEvent(ApplicationEvent event) {
                published.add(((PayloadApplicationEvent<?>) event).getPayload());
            }
        };
    }

    /** Jackson 3, only touched by {@link #deliver}: the application may have no Jackson. */
    private static final class Json {

        static final String MAPPER = "tools.jackson.databind.json.JsonMapper";

        static String write(ObjectProvider<?> mapper, Object event) {
            Object application = mapper == null ? null : mapper.getIfAvailable();
            tools.jackson.databind.json.JsonMapper json = application != null
                    ? (tools.jackson.databind.json.JsonMapper) application
                    : tools.jackson.databind.json.JsonMapper.builder().build();
            return json.writeValueAsString(event);
        }
    }
}
