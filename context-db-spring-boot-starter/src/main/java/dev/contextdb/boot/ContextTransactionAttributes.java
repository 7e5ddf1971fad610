package dev.contextdb.boot;

import dev.contextdb.ContextBean;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.PriorityOrdered;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttributeSource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * {@code @Transactional} without a qualifier on a class or method of context {@code orders} runs
 * in {@code ordersTransactionManager}: the application's transaction attribute source is wrapped
 * so that such attributes carry that qualifier. An explicit qualifier (on the annotation or as a
 * type-level {@code @Qualifier}) wins; classes outside every context keep the primary manager.
 *
 * <p>The context is that of the bean's class (the target class), so a {@code @Transactional}
 * base class shared by several contexts runs in the context of each subclass.
 */
final class ContextTransactionAttributes implements BeanPostProcessor, PriorityOrdered {

    private final ContextModel model;

    ContextTransactionAttributes(ContextModel model) {
        this.model = model;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof TransactionAttributeSource source && !(bean instanceof Source)) {
            return new Source(source, model);
        }
        return bean;
    }

    @Override
    public int getOrder() {
        return PriorityOrdered.HIGHEST_PRECEDENCE;
    }

    /** The wrapping source. */
    static final class Source implements TransactionAttributeSource {

        private final TransactionAttributeSource delegate;
        private final ContextModel model;

        Source(TransactionAttributeSource delegate, ContextModel model) {
            this.delegate = delegate;
            this.model = model;
        }

        @Override
        public boolean isCandidateClass(Class<?> targetClass) {
            return delegate.isCandidateClass(targetClass);
        }

        @Override
        public boolean hasTransactionAttribute(Method method, @Nullable Class<?> targetClass) {
            return delegate.hasTransactionAttribute(method, targetClass);
        }

        @Override
        public @Nullable TransactionAttribute getTransactionAttribute(Method method, @Nullable Class<?> targetClass) {
            TransactionAttribute attribute = delegate.getTransactionAttribute(method, targetClass);
            if (attribute instanceof DefaultTransactionAttribute own && !StringUtils.hasText(own.getQualifier())) {
                Class<?> type = ClassUtils.getUserClass(targetClass != null ? targetClass : method.getDeclaringClass());
                String context = model.contextOf(type).map(ContextDefinition::name).orElse(null);
                if (context != null && !StringUtils.hasText(BeanFactoryAnnotationUtils.getQualifierValue(type))) {
                    // The delegate caches one attribute per method and target class, so this is
                    // set once, and consistently for that pair.
                    own.setQualifier(ContextBean.TRANSACTION_MANAGER.beanName(context));
                }
            }
            return attribute;
        }
    }
}
