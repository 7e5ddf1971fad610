package dev.contextdb.internal.events;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.AbstractApplicationEventMulticaster;
import org.springframework.core.ResolvableType;

/**
 * The application's event multicaster when context-db's events are on: an event that
 * {@code @ApplicationModuleListener} methods listen to is written into the publishing context's
 * outbox, one delivery per such listener, in the publisher's transaction; every other listener is
 * called at once, on the publishing thread, as Spring's own multicaster calls it.
 *
 * <p>The engine is looked up at the first such event: the multicaster is created early in the
 * application context's refresh, before the contexts' DataSources may be.
 */
public final class OutboxMulticaster extends AbstractApplicationEventMulticaster {

    private final Supplier<EventEngine> engine;
    private volatile BeanFactory beanFactory;

    public OutboxMulticaster(Supplier<EventEngine> engine) {
        this.engine = engine;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        super.setBeanFactory(beanFactory);
        this.beanFactory = beanFactory;
    }

    BeanFactory beanFactory() {
        return beanFactory;
    }

    /** @return every {@code @ApplicationModuleListener} registered with this multicaster */
    List<OutboxListener> outboxListeners() {
        List<OutboxListener> listeners = new ArrayList<>();
        for (ApplicationListener<?> listener : getApplicationListeners()) {
            if (listener instanceof OutboxListener outbox) {
                listeners.add(outbox);
            }
        }
        return listeners;
    }

    @Override
    public void multicastEvent(ApplicationEvent event) {
        multicastEvent(event, null);
    }

    @Override
    public void multicastEvent(ApplicationEvent event, ResolvableType eventType) {
        ResolvableType type = eventType != null ? eventType : ResolvableType.forInstance(event);
        List<OutboxListener> outbox = null;
        List<ApplicationListener<?>> direct = new ArrayList<>();
        for (ApplicationListener<?> listener : getApplicationListeners(event, type)) {
            if (listener instanceof OutboxListener own) {
                if (outbox == null) {
                    outbox = new ArrayList<>(2);
                }
                outbox.add(own);
            } else {
                direct.add(listener);
            }
        }
        if (outbox == null && event instanceof PayloadApplicationEvent<?> payload
                && Externalization.externalized(payload.getPayload().getClass())) {
            outbox = List.of();
        }
        if (outbox != null) {
            // Before the direct listeners: an event that cannot be stored fails the publication
            // before anything has reacted to it.
            engine.get().publish(((PayloadApplicationEvent<?>) event).getPayload(), outbox);
        }
        for (ApplicationListener<?> listener : direct) {
            invoke(listener, event);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void invoke(ApplicationListener listener, ApplicationEvent event) {
        listener.onApplicationEvent(event);
    }
}
