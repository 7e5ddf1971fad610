package dev.contextdb.boot;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.contextdb.ContextDb;
import dev.contextdb.ContextEvents;
import dev.contextdb.ContextEvents.DeadDelivery;
import dev.contextdb.ContextEvents.ListenerStatus;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.MigrationResult;
import dev.contextdb.Placement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code contextdb} actuator endpoint: the facts of the startup report as JSON, one entry per
 * context, plus each pool's current connections and, with events between contexts, each listener
 * of the context with its figures and its dead deliveries.
 *
 * <pre>
 * management.endpoints.web.exposure.include=health,contextdb
 * GET  /actuator/contextdb            →  {"contexts":[{"context":"orders","strategy":"SCHEMA","schema":"orders",...}]}
 * GET  /actuator/contextdb/inventory  →  {"context":"inventory",...,"events":{"listeners":[...],"dead":[...]}}
 * POST /actuator/contextdb/inventory  →  {"resubmitted":3}   every dead delivery to inventory's listeners
 *      {"listener":"com.acme.inventory.Stock.on(com.acme.orders.OrderPlaced)"}          those of one listener
 *      {"listener":"...", "eventId":"0b6e4a52-..."}                                     one delivery
 * </pre>
 */
@Endpoint(id = "contextdb")
public class ContextDbEndpoint {

    private final ContextDb contextDb;
    private final @Nullable ContextEvents events;

    /** @param contextDb the running contexts */
    public ContextDbEndpoint(ContextDb contextDb) {
        this(contextDb, null);
    }

    /**
     * @param contextDb the running contexts
     * @param events the events between contexts, or {@code null} when they are off
     */
    public ContextDbEndpoint(ContextDb contextDb, @Nullable ContextEvents events) {
        this.contextDb = contextDb;
        this.events = events;
    }

    /** @return every context, in reads order */
    @ReadOperation
    public ContextsDescriptor contexts() {
        EventFigures figures = eventFigures();
        return new ContextsDescriptor(contextDb.placements().stream()
                .map(placement -> describe(placement, figures)).toList());
    }

    /**
     * @param context a context name
     * @return the context, or {@code null} (404) when there is none of that name
     */
    @ReadOperation
    public @Nullable ContextDescriptor context(@Selector String context) {
        return contextDb.model().context(context)
                .map(definition -> describe(contextDb.placement(context), eventFigures())).orElse(null);
    }

    /**
     * Makes dead deliveries to the context's listeners pending again, with a fresh count of
     * attempts; they are delivered at once. Without arguments, every one of the context's.
     * @param context the listeners' context
     * @param listener only the deliveries to this listener (its id, as the endpoint lists it)
     * @param eventId only the deliveries of this event
     * @return how many were resubmitted, or {@code null} (404) when there is no context of that name
     *     or events between contexts are off
     */
    @WriteOperation
    public @Nullable ResubmittedDescriptor resubmit(@Selector String context, @Nullable String listener,
            @Nullable String eventId) {
        if (events == null || contextDb.model().context(context).isEmpty()) {
            return null;
        }
        UUID event;
        try {
            event = eventId == null ? null : UUID.fromString(eventId);
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointRequestException("eventId '" + eventId + "' is no event id: copy one from the"
                    + " dead deliveries that GET /actuator/contextdb/" + context + " lists", "Invalid eventId", e);
        }
        List<DeadDelivery> chosen = events.dead().stream()
                .filter(dead -> dead.listenerContext().equals(context))
                .filter(dead -> listener == null || dead.listenerId().equals(listener))
                .filter(dead -> event == null || dead.eventId().equals(event)).toList();
        return new ResubmittedDescriptor(events.resubmit(chosen));
    }

    /** Reads the events' figures once for all the contexts a response describes. */
    private @Nullable EventFigures eventFigures() {
        return events == null ? null : new EventFigures(events.status(), events.dead(), Instant.now());
    }

    private record EventFigures(List<ListenerStatus> listeners, List<DeadDelivery> dead, Instant now) {

        EventsDescriptor of(String context) {
            return new EventsDescriptor(listeners.stream().filter(listener -> listener.context().equals(context))
                    .map(listener -> new ListenerDescriptor(listener.listenerId(), listener.eventType(),
                            listener.pending(), listener.oldestPending() == null ? null
                                    : Math.max(0, now.toEpochMilli() - listener.oldestPending().toEpochMilli()) / 1000.0,
                            listener.dead(), listener.delivered(), listener.failedAttempts()))
                    .toList(),
                    dead.stream().filter(delivery -> delivery.listenerContext().equals(context))
                            .map(delivery -> new DeadDescriptor(delivery.eventId().toString(), delivery.eventType(),
                                    delivery.listenerId(), delivery.context(), delivery.attempts(), delivery.lastError(),
                                    delivery.publishedAt()))
                            .toList());
        }
    }

    private ContextDescriptor describe(Placement placement, @Nullable EventFigures figures) {
        MigrationResult migration = contextDb.migrations().get(placement.context());
        HikariDataSource pool = contextDb.pools().get(placement.pool());
        HikariPoolMXBean connections = pool == null ? null : pool.getHikariPoolMXBean();
        return new ContextDescriptor(placement.context(), placement.strategy(), placement.vendor().displayName(),
                placement.url(),
                placement.username(), placement.schema(), placement.reads(),
                new PoolDescriptor(placement.pool(), placement.maximumPoolSize(),
                        connections == null ? null : connections.getActiveConnections(),
                        connections == null ? null : connections.getIdleConnections()),
                new MigrationDescriptor(migration != null, placement.migrationLocations(), placement.historyTable(),
                        migration == null ? null : migration.applied(), migration == null ? null : migration.version()),
                figures == null ? null : figures.of(placement.context()));
    }

    /**
     * All contexts.
     * @param contexts each context, in reads order
     */
    public record ContextsDescriptor(List<ContextDescriptor> contexts) implements OperationResponseBody {
    }

    /**
     * One context.
     * @param context its name
     * @param strategy its isolation strategy
     * @param vendor its database product
     * @param url its database, with any password masked
     * @param username the user it connects as
     * @param schema its schema, or {@code null} for the database's default schema
     * @param reads the contexts it may read
     * @param pool its connection pool
     * @param migrations its migrations
     * @param events its listeners and their dead deliveries, or {@code null} when events between
     *     contexts are off
     */
    public record ContextDescriptor(String context, IsolationStrategy strategy, String vendor, String url,
            String username, @Nullable String schema, List<String> reads, PoolDescriptor pool,
            MigrationDescriptor migrations, @Nullable EventsDescriptor events) implements OperationResponseBody {
    }

    /**
     * A pool, shared by contexts under {@code pooling=single-pool} and {@code SHARED}.
     * @param name the HikariCP pool name, which tags Boot's pool metrics
     * @param maximumSize its maximum size
     * @param active connections in use now, if the pool is running
     * @param idle idle connections now, if the pool is running
     */
    public record PoolDescriptor(String name, int maximumSize, @Nullable Integer active, @Nullable Integer idle) {
    }

    /**
     * A context's migrations.
     * @param ranAtStartup whether they ran at startup
     * @param locations where the scripts are
     * @param historyTable where the history is kept
     * @param applied how many were applied at startup, when they ran
     * @param version the schema version after startup, when they ran
     */
    public record MigrationDescriptor(boolean ranAtStartup, List<String> locations, String historyTable,
            @Nullable Integer applied, @Nullable String version) {
    }

    /**
     * The events a context receives.
     * @param listeners its {@code @ApplicationModuleListener} methods, with their figures
     * @param dead the dead deliveries to them, oldest first
     */
    public record EventsDescriptor(List<ListenerDescriptor> listeners, List<DeadDescriptor> dead) {
    }

    /**
     * One listener, with the figures of the {@code contextdb.events.*} metrics, read when asked.
     * @param listener its id: class, method and parameter types, or the id it declares
     * @param eventType the event class it receives, or {@code null} for a listener that only
     *     deliveries still name (renamed or removed from the application)
     * @param pending deliveries waiting in the publishers' outboxes
     * @param oldestPendingAgeSeconds how long ago the oldest pending event was published, or
     *     {@code null} when none is pending
     * @param dead dead deliveries, waiting for a resubmit
     * @param delivered deliveries this instance completed since it started
     * @param failedAttempts attempts that failed in this instance since it started
     */
    public record ListenerDescriptor(String listener, @Nullable String eventType, int pending,
            @Nullable Double oldestPendingAgeSeconds, int dead, long delivered, long failedAttempts) {
    }

    /**
     * A delivery that failed its last attempt; resubmit it by its {@code listener} and {@code eventId}.
     * @param eventId the event's id
     * @param eventType the event's class
     * @param listener the listener's id
     * @param publisher the context that published the event, whose outbox holds the delivery
     * @param attempts how many attempts failed
     * @param lastError the last failure's class and message
     * @param publishedAt when the event was published
     */
    public record DeadDescriptor(String eventId, String eventType, String listener, String publisher, int attempts,
            @Nullable String lastError, Instant publishedAt) {
    }

    /**
     * The answer to a resubmit.
     * @param resubmitted how many dead deliveries are pending again
     */
    public record ResubmittedDescriptor(int resubmitted) implements OperationResponseBody {
    }
}
