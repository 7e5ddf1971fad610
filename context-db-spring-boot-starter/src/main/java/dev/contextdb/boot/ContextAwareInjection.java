package dev.contextdb.boot;

import dev.contextdb.ContextBean;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import java.lang.reflect.Member;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanDefinitionHolder;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.beans.factory.support.AutowireCandidateResolver;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

/**
 * Context-aware injection: a class of context {@code orders} that injects a {@code DataSource},
 * {@code JdbcClient}, {@code JdbcTemplate}, {@code NamedParameterJdbcTemplate}, {@code DSLContext},
 * {@code PlatformTransactionManager} or {@code TransactionTemplate} (the
 * {@link ContextBean#injectableTypes()}) without a qualifier receives {@code orders}' bean.
 *
 * <p>The class that declares the injection point decides: the bean's class for its constructor
 * and fields, the {@code @Configuration} class for a {@code @Bean} method's parameters. Outside
 * every context the same injection points receive the primary (routing) beans; an explicit
 * {@code @Qualifier} wins everywhere.
 */
final class ContextAwareInjection implements BeanFactoryPostProcessor, Ordered {

    private final ContextModel model;

    ContextAwareInjection(ContextModel model) {
        this.model = model;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
        if (beanFactory instanceof DefaultListableBeanFactory factory
                && !(factory.getAutowireCandidateResolver() instanceof Resolver)) {
            factory.setAutowireCandidateResolver(new Resolver(factory.getAutowireCandidateResolver(), model));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** Wraps the factory's resolver (qualifiers, {@code @Lazy}, generics) and narrows per-context types. */
    static final class Resolver implements AutowireCandidateResolver {

        private final AutowireCandidateResolver delegate;
        private final ContextModel model;

        Resolver(AutowireCandidateResolver delegate, ContextModel model) {
            this.delegate = delegate;
            this.model = model;
        }

        @Override
        public boolean isAutowireCandidate(BeanDefinitionHolder candidate, DependencyDescriptor descriptor) {
            String context = contextOfInjectionPoint(descriptor);
            Optional<ContextBean> kind = ContextBean.forType(descriptor.getDependencyType().getName());
            if (context == null || kind.isEmpty() || delegate.hasQualifier(descriptor)) {
                return delegate.isAutowireCandidate(candidate, descriptor);
            }
            return context.equals(contextOfCandidate(candidate)) && !isOtherKind(candidate.getBeanName(), context, kind.get());
        }

        /**
         * Whether the candidate is the context's bean of another kind that also provides the type:
         * {@code ordersEntityManagerFactory} offers its shared {@code EntityManager} too, but an
         * {@code EntityManager} injection point gets {@code ordersEntityManager}.
         */
        private static boolean isOtherKind(String beanName, String context, ContextBean kind) {
            for (ContextBean other : ContextBean.values()) {
                if (other != kind && beanName.equals(other.beanName(context))) {
                    return true;
                }
            }
            return false;
        }

        private @Nullable String contextOfInjectionPoint(DependencyDescriptor descriptor) {
            MethodParameter parameter = descriptor.getMethodParameter();
            Class<?> declaring;
            if (parameter != null) {
                declaring = parameter.getContainingClass();
            } else {
                Member member = descriptor.getMember();
                declaring = member.getDeclaringClass();
            }
            return model.contextOf(ClassUtils.getUserClass(declaring)).map(ContextDefinition::name).orElse(null);
        }

        private @Nullable String contextOfCandidate(BeanDefinitionHolder candidate) {
            Object context = candidate.getBeanDefinition().getAttribute(ContextBeanRegistrar.CONTEXT_ATTRIBUTE);
            if (context instanceof String name) {
                return name;
            }
            return ContextBean.contextOf(candidate.getBeanName(), model).orElse(null);
        }

        @Override
        public boolean isRequired(DependencyDescriptor descriptor) {
            return delegate.isRequired(descriptor);
        }

        @Override
        public boolean hasQualifier(DependencyDescriptor descriptor) {
            return delegate.hasQualifier(descriptor);
        }

        @Override
        public @Nullable String getSuggestedName(DependencyDescriptor descriptor) {
            return delegate.getSuggestedName(descriptor);
        }

        @Override
        public @Nullable Object getSuggestedValue(DependencyDescriptor descriptor) {
            return delegate.getSuggestedValue(descriptor);
        }

        @Override
        public @Nullable Object getLazyResolutionProxyIfNecessary(DependencyDescriptor descriptor,
                @Nullable String beanName) {
            return delegate.getLazyResolutionProxyIfNecessary(descriptor, beanName);
        }

        @Override
        public @Nullable Class<?> getLazyResolutionProxyClass(DependencyDescriptor descriptor, @Nullable String beanName) {
            return delegate.getLazyResolutionProxyClass(descriptor, beanName);
        }

        @Override
        public AutowireCandidateResolver cloneIfNecessary() {
            AutowireCandidateResolver clone = delegate.cloneIfNecessary();
            return clone == delegate ? this : new Resolver(clone, model);
        }
    }
}
