package dev.contextdb.internal.events;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.modulith.events.Externalized;

/**
 * Events annotated {@code @Externalized}: the engine stores one more delivery for them, under
 * the listener id {@link #LISTENER_ID} in the publishing context, which the {@link Sink} runs by
 * sending the event to a broker. So sending is atomic with the publication, leased, retried, dead
 * and resubmittable as a listener's delivery is, and done only once the broker has confirmed.
 */
public final class Externalization {

    /** The listener id of the deliveries that send events out; shown in dead deliveries and metrics. */
    public static final String LISTENER_ID = "@Externalized";

    private static final Map<Class<?>, Boolean> ANNOTATED = new ConcurrentHashMap<>();

    private Externalization() {
    }

    /** @return whether the event type (or a supertype) is annotated {@code @Externalized} */
    public static boolean externalized(Class<?> type) {
        return ANNOTATED.computeIfAbsent(type, t -> AnnotatedElementUtils.hasAnnotation(t, Externalized.class));
    }

    /** Sends an event out; returns once the broker confirmed it, throws otherwise. */
    @FunctionalInterface
    public interface Sink {
        void send(Outgoing event) throws Exception;
    }

    /** An event on its way out, with its id (the message id), its publisher and its JSON. */
    public record Outgoing(String id, String context, String type, String json, Object event) {
    }
}
