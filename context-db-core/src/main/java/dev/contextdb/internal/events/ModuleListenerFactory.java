package dev.contextdb.internal.events;

import java.lang.reflect.Method;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.EventListenerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * Turns each {@code @ApplicationModuleListener} method into an {@link OutboxListener}. Ordered
 * before Spring's {@code TransactionalEventListenerFactory} (order 50), which would otherwise
 * adapt the method as an after-commit listener of the publisher's transaction and call it itself.
 */
public final class ModuleListenerFactory implements EventListenerFactory, Ordered {

    @Override
    public boolean supportsMethod(Method method) {
        return AnnotatedElementUtils.hasAnnotation(method, ApplicationModuleListener.class);
    }

    @Override
    public ApplicationListener<?> createApplicationListener(String beanName, Class<?> type, Method method) {
        return new OutboxListener(beanName, type, method);
    }

    @Override
    public int getOrder() {
        return 40;
    }
}
