package dev.contextdb.internal.events;

import java.lang.reflect.Method;
import java.util.StringJoiner;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
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

    private static final SpelExpressionParser PARSER = new SpelExpressionParser();
    private static final ParameterNameDiscoverer PARAMETER_NAMES = new DefaultParameterNameDiscoverer();

    private final String beanName;
    private final Class<?> targetClass;
    private final Method method;
    private final Class<?> eventType;
    private final String id;
    /** The annotation's {@code condition}, or {@code null} when it has none. */
    private final Expression condition;
    private final boolean readOnly;
    /** What {@link #methodOn} found last, for which class. */
    private volatile Invocable invocable;

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
        this.condition = annotation == null ? null : parse(annotation.condition(), method);
        this.readOnly = annotation != null && annotation.readOnlyTransaction();
        if (id.length() > MAX_ID_LENGTH) {
            throw new IllegalStateException("The id of @ApplicationModuleListener " + describe(method) + " is "
                    + id.length() + " characters long; context-db stores at most " + MAX_ID_LENGTH + ". Give it a"
                    + " shorter stable id: @ApplicationModuleListener(id = \"...\").");
        }
    }

    private static Expression parse(String condition, Method method) {
        if (!StringUtils.hasText(condition)) {
            return null;
        }
        try {
            return PARSER.parseExpression(condition);
        } catch (ParseException e) {
            throw new IllegalStateException("The condition of @ApplicationModuleListener " + describe(method) + " is no"
                    + " SpEL expression: " + e.getMessage() + ". Write it as for Spring's @EventListener(condition),"
                    + " over the event: \"#" + (method.getParameterCount() == 1 ? method.getParameters()[0].getName()
                    : "event") + ".amount() > 100\" or \"#p0.amount() > 100\".", e);
        }
    }

    /**
     * Evaluates the annotation's {@code condition} for an event about to be delivered, as Spring
     * evaluates {@code @EventListener(condition)}: the event is {@code #root.event} (a
     * {@link PayloadApplicationEvent}), {@code #root.args}, {@code #p0}/{@code #a0} and the
     * parameter's name; {@code @beanName} refers to a bean.
     * @return whether the listener takes the event: always, without a condition
     * @throws IllegalStateException when the condition fails or yields no boolean
     */
    boolean accepts(Object event, BeanFactory beanFactory) {
        if (condition == null) {
            return true;
        }
        Object[] args = {event};
        MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(
                new Root(new PayloadApplicationEvent<>(this, event), args), method, args, PARAMETER_NAMES);
        if (beanFactory != null) {
            context.setBeanResolver(new BeanFactoryResolver(beanFactory));
        }
        Object result;
        try {
            result = condition.getValue(context);
        } catch (EvaluationException e) {
            throw new IllegalStateException("The condition \"" + condition.getExpressionString() + "\" of"
                    + " @ApplicationModuleListener " + id + " failed: " + e.getMessage(), e);
        }
        if (result instanceof Boolean accepted) {
            return accepted;
        }
        if (result instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalStateException("The condition \"" + condition.getExpressionString() + "\" of"
                + " @ApplicationModuleListener " + id + " yielded " + result + ", not true or false.");
    }

    /** The root object of a condition, as Spring's {@code @EventListener} has it: {@code event}, {@code args}. */
    public static final class Root {

        private final ApplicationEvent event;
        private final Object[] args;

        Root(ApplicationEvent event, Object[] args) {
            this.event = event;
            this.args = args;
        }

        public ApplicationEvent getEvent() {
            return event;
        }

        public Object[] getArgs() {
            return args;
        }
    }

    /** @return whether the listener runs in a read-only transaction ({@code readOnlyTransaction}) */
    boolean readOnly() {
        return readOnly;
    }

    /** @return the condition as written, or {@code null} */
    String condition() {
        return condition == null ? null : condition.getExpressionString();
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

    /**
     * The method to invoke on the bean's own class (past its proxies), made accessible: looked
     * up once per class, not per delivery.
     */
    Method methodOn(Class<?> type) {
        Invocable last = invocable;
        if (last == null || last.type() != type) {
            Method found = ClassUtils.getMostSpecificMethod(method, type);
            ReflectionUtils.makeAccessible(found);
            last = new Invocable(type, found);
            invocable = last;
        }
        return last.method();
    }

    private record Invocable(Class<?> type, Method method) {
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
