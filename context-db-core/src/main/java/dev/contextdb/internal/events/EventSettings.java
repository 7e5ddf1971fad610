package dev.contextdb.internal.events;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * The frozen settings of the events engine; see {@code ContextEvents.Builder} for each one's meaning.
 *
 * @param maxAttempts attempts of a delivery before it is dead
 * @param initialBackoff the wait after the first failure
 * @param backoffMultiplier how much each further wait grows
 * @param maxBackoff the longest wait
 * @param jitter the random share of each wait, from 0 to 1
 * @param pollInterval how often every context's outbox is looked at without a wake-up
 * @param lease how long a claimed delivery is reserved for this instance
 * @param retention how long completed deliveries, events and inbox rows are kept
 * @param cleanupBatch rows deleted per statement when cleaning up
 * @param threads deliveries run at once
 * @param instanceId this instance's name in leases
 * @param keys the ordering key of an event, by event type (and its supertypes)
 * @param json reads and writes the events
 * @param classLoader loads the event types
 */
public record EventSettings(int maxAttempts, Duration initialBackoff, double backoffMultiplier, Duration maxBackoff,
        double jitter, Duration pollInterval, Duration lease, Duration retention, int cleanupBatch, int threads,
        String instanceId, Map<Class<?>, Function<Object, ?>> keys, EventJson json, ClassLoader classLoader) {

    public EventSettings {
        keys = Map.copyOf(keys);
    }

    /** The ordering key of an event: from the setting for its class or the nearest supertype that has one. */
    String keyOf(Object event) {
        for (Class<?> type = event.getClass(); type != null; type = type.getSuperclass()) {
            String key = key(type, event);
            if (key != null) {
                return key;
            }
            for (Class<?> face : type.getInterfaces()) {
                key = key(face, event);
                if (key != null) {
                    return key;
                }
            }
        }
        return null;
    }

    private String key(Class<?> type, Object event) {
        Function<Object, ?> function = keys.get(type);
        if (function == null) {
            return null;
        }
        Object key = function.apply(event);
        return key == null ? null : key.toString();
    }

    /** The wait before attempt {@code attempts + 1}, after {@code attempts} failures, with jitter. */
    long backoffMillis(int attempts, double random) {
        double wait = initialBackoff.toMillis() * Math.pow(backoffMultiplier, Math.max(0, attempts - 1));
        wait = Math.min(wait, maxBackoff.toMillis());
        return (long) (wait * (1 - jitter + jitter * random));
    }
}
