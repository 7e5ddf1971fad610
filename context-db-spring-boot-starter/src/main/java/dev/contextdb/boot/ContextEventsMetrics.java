package dev.contextdb.boot;

import dev.contextdb.ContextEvents;
import dev.contextdb.ContextEvents.ListenerStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events' meters, tagged {@code context} (the listener's context) and {@code listener} (its
 * id): gauges of pending and dead deliveries and of the oldest pending one's age, counted in the
 * outboxes; counters of deliveries and failed attempts in this instance.
 *
 * <p>Every meter reads one snapshot of {@link ContextEvents#status()}, taken again only when it is
 * older than {@code context-db.events.metrics-refresh}: a scrape that reads all the meters costs at
 * most one grouped query per context, and scrapes in between cost none.
 */
final class ContextEventsMetrics {

    private static final Logger log = LoggerFactory.getLogger(ContextEventsMetrics.class);

    private final ContextEvents events;
    private final long refreshNanos;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile Snapshot snapshot;

    ContextEventsMetrics(ContextEvents events, Duration refresh) {
        this.events = events;
        this.refreshNanos = refresh.toNanos();
    }

    /** Registers the meters of every listener {@link ContextEvents#status()} reports now. */
    void bindTo(MeterRegistry registry) {
        for (ListenerStatus listener : current().listeners().values()) {
            String id = listener.listenerId();
            Tags tags = Tags.of("context", listener.context(), "listener", id);
            Gauge.builder("contextdb.events.pending", this, metrics -> metrics.figure(id, ListenerStatus::pending))
                    .description("Deliveries to the listener waiting in the outboxes, to be delivered or retried")
                    .tags(tags).register(registry);
            TimeGauge.builder("contextdb.events.oldest.pending.age", this, TimeUnit.MILLISECONDS,
                    metrics -> metrics.oldestPendingAgeMillis(id))
                    .description("How long ago the oldest event pending for the listener was published; 0 when none is")
                    .tags(tags).register(registry);
            Gauge.builder("contextdb.events.dead", this, metrics -> metrics.figure(id, ListenerStatus::dead))
                    .description("Deliveries to the listener that failed their last attempt, waiting for a resubmit")
                    .tags(tags).register(registry);
            FunctionCounter.builder("contextdb.events.delivered", this,
                    metrics -> metrics.figure(id, ListenerStatus::delivered))
                    .description("Deliveries to the listener completed by this instance")
                    .tags(tags).register(registry);
            FunctionCounter.builder("contextdb.events.failed", this,
                    metrics -> metrics.figure(id, ListenerStatus::failedAttempts))
                    .description("Attempts to deliver to the listener that failed in this instance (each retry counts)")
                    .tags(tags).register(registry);
        }
    }

    private double figure(String listenerId, ToDoubleFunction<ListenerStatus> figure) {
        ListenerStatus listener = current().listeners().get(listenerId);
        return listener == null ? 0 : figure.applyAsDouble(listener);
    }

    private double oldestPendingAgeMillis(String listenerId) {
        ListenerStatus listener = current().listeners().get(listenerId);
        Instant oldest = listener == null ? null : listener.oldestPending();
        return oldest == null ? 0 : Math.max(0, System.currentTimeMillis() - oldest.toEpochMilli());
    }

    private Snapshot current() {
        Snapshot taken = snapshot;
        if (taken != null && System.nanoTime() - taken.takenAt() < refreshNanos) {
            return taken;
        }
        refreshing.lock();
        try {
            taken = snapshot;
            if (taken != null && System.nanoTime() - taken.takenAt() < refreshNanos) {
                return taken;
            }
            snapshot = read(taken);
            return snapshot;
        } finally {
            refreshing.unlock();
        }
    }

    private Snapshot read(Snapshot previous) {
        try {
            Map<String, ListenerStatus> listeners = new LinkedHashMap<>();
            events.status().forEach(listener -> listeners.put(listener.listenerId(), listener));
            return new Snapshot(System.nanoTime(), listeners);
        } catch (RuntimeException e) {
            // A database that is down should not fail the scrape: keep the last figures, try again
            // after the refresh interval, and let the context's health say that it is down.
            log.warn("context-db events: could not count the outboxes for the metrics; they keep their last values"
                    + " for context-db.events.metrics-refresh: {}", e.getMessage());
            return new Snapshot(System.nanoTime(), previous == null ? Map.of() : previous.listeners());
        }
    }

    /** The figures of every listener, by id, and when they were read. */
    private record Snapshot(long takenAt, Map<String, ListenerStatus> listeners) {
    }
}
