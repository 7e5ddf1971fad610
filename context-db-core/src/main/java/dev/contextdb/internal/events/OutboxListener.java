package dev.contextdb.internal.events;

import java.lang.reflect.Method;
import java.util.StringJoiner;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * A method annotated {@code @ApplicationModuleListener}, as Spring registers it with the
 * multicaster. It is never called by Spring's event dispatch: the {@link OutboxMulticaster}
 * writes the event into the publisher's outbox instead, and the {@link Dispatcher} invokes the
 * method later, in a transaction of the listener's context.
 *
 * <p>Should another multicaster than context-db's hand it an event, it fails rather than run the
 * listener in the publisher's thread and transaction.
 */
final class OutboxListener implements GenericApplicationListener {

    /** Fits the delivery and inbox tables' {@code listener_id} column. */
    static final int MAX_ID_LENGTH = 300;

    private final String beanName;
    private final Class<?> targetClass;
    private final Method method;
    private final Class<?> eventType;
    private final String id;

    OutboxListener(String beanName, Class<?> targetClass, Method method) {
        this.beanName = beanName;
        this.targetClass = targetClass;
        this.method = method;
        if (method.getParameterCount() != 1 || ApplicationEvent.class.isAssignableFrom(method.getParameterTypes()[0])) {
            throw new IllegalStateException("@ApplicationModuleListener " + describe(method) + " must take exactly one"
                    + " parameter, the event (a plain object such as a record, not an ApplicationEvent): context-db"
                    + " stores the event as JSON in the publishing context's outbox and passes it back to this method.");
        }
        this.eventType = method.getParameterTypes()[0];
        ApplicationModuleListener annotation = AnnotatedElementUtils.findMergedAnnotation(method,
                ApplicationModuleListener.class);
        String declared = annotation == null ? "" : annotation.id();
        this.id = StringUtils.hasText(declared) ? declared : describe(method);
        if (id.length() > MAX_ID_LENGTH) {
            throw new IllegalStateException("The id of @ApplicationModuleListener " + describe(method) + " is "
                    + id.length() + " characters long; context-db stores at most " + MAX_ID_LENGTH + ". Give it a"
                    + " shorter stable id: @ApplicationModuleListener(id = \"...\").");
        }
    }

    /** The stable id: the declaring class, the method and its parameter types, as Spring names listeners. */
    static String describe(Method method) {
        StringJoiner parameters = new StringJoiner(",", "(", ")");
        for (Class<?> type : method.getParameterTypes()) {
            parameters.add(type.getName());
        }
        return ClassUtils.getQualifiedMethodName(method) + parameters;
    }

    String beanName() {
        return beanName;
    }

    Class<?> targetClass() {
        return targetClass;
    }

    Method method() {
        return method;
    }

    Class<?> eventType() {
        return eventType;
    }

    @Override
    public String getListenerId() {
        return id;
    }

    @Override
    public boolean supportsEventType(ResolvableType type) {
        if (PayloadApplicationEvent.class.isAssignableFrom(type.toClass())) {
            Class<?> payload = type.as(PayloadApplicationEvent.class).getGeneric().resolve();
            return payload != null && eventType.isAssignableFrom(payload);
        }
        return false;
    }

    @Override
    public boolean supportsAsyncExecution() {
        return false;
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        throw new IllegalStateException("@ApplicationModuleListener " + id + " was handed an event by a multicaster other"
                + " than context-db's; it runs only after the publishing context commits. Remove the bean named"
                + " 'applicationEventMulticaster' that replaces context-db's, or switch context-db's events off"
                + " (context-db.events.enabled=false).");
    }

    @Override
    public String toString() {
        return "@ApplicationModuleListener " + id;
    }
}
