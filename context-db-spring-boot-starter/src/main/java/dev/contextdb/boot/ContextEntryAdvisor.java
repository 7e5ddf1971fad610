package dev.contextdb.boot;

import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import dev.contextdb.ContextScope;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.UndeclaredThrowableException;
import javax.sql.DataSource;
import org.aopalliance.aop.Advice;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.ClassFilter;
import org.springframework.aop.Pointcut;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.TransactionManager;
import org.springframework.util.ClassUtils;

/**
 * Makes a context current for each call of a public method of a bean whose class belongs to it,
 * so code of that context reaches its own data through the routing DataSource too, and work in
 * context B called from inside context A's transaction never joins that transaction.
 *
 * <p>Ordered first, so the context is current before a transaction, cache or security advice of
 * the same bean runs. Classes that cannot be proxied safely are left alone: final classes,
 * classes with public final methods (a proxy would run them on its own empty fields),
 * configuration classes and Spring infrastructure.
 */
final class ContextEntryAdvisor extends AbstractPointcutAdvisor {

    /** ClassValue keeps no nulls: the context of a class outside every context. */
    private static final String NONE = "";

    private final transient ClassValue<String> contextOfClass;
    private final transient Pointcut pointcut;
    private final transient Advice advice;

    ContextEntryAdvisor(ContextModel model) {
        this.contextOfClass = new ClassValue<>() {
            @Override
            protected String computeValue(Class<?> type) {
                return model.contextOf(type).map(ContextDefinition::name).orElse(NONE);
            }
        };
        this.pointcut = new ContextMethods();
        this.advice = (MethodInterceptor) this::enter;
        setOrder(Ordered.HIGHEST_PRECEDENCE);
    }

    @Override
    public Pointcut getPointcut() {
        return pointcut;
    }

    @Override
    public Advice getAdvice() {
        return advice;
    }

    private Object enter(MethodInvocation invocation) throws Throwable {
        Object target = invocation.getThis();
        String context = target == null ? null : contextOfClass.get(ClassUtils.getUserClass(AopUtils.getTargetClass(target)));
        if (context == null || context == NONE || context.equals(ContextScope.current().orElse(null))) {
            return invocation.proceed();
        }
        return ContextScope.call(context, () -> {
            try {
                return invocation.proceed();
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable other) {
                throw new UndeclaredThrowableException(other);
            }
        });
    }

    /** Public methods of beans of a context. */
    private final class ContextMethods extends StaticMethodMatcherPointcut {

        ContextMethods() {
            setClassFilter(new ContextClasses());
        }

        @Override
        public boolean matches(Method method, Class<?> targetClass) {
            return Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
                    && method.getDeclaringClass() != Object.class;
        }
    }

    private final class ContextClasses implements ClassFilter {

        @Override
        public boolean matches(Class<?> type) {
            Class<?> user = ClassUtils.getUserClass(type);
            return contextOfClass.get(user) != NONE && proxyable(user);
        }
    }

    private static boolean proxyable(Class<?> type) {
        if (Modifier.isFinal(type.getModifiers()) || type.isRecord() || type.isEnum() || type.isInterface()
                || AnnotatedElementUtils.hasAnnotation(type, Configuration.class)) {
            return false;
        }
        for (Class<?> infrastructure : new Class<?>[] {AopInfrastructureBean.class, BeanPostProcessor.class,
                BeanFactoryPostProcessor.class, FactoryBean.class, DataSource.class, TransactionManager.class}) {
            if (infrastructure.isAssignableFrom(type)) {
                return false;
            }
        }
        for (Method method : type.getMethods()) {
            if (Modifier.isFinal(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
                    && method.getDeclaringClass() != Object.class) {
                return false;
            }
        }
        return true;
    }
}
