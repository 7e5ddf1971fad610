package dev.contextdb.boot;

import dev.contextdb.ContextBean;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import jakarta.persistence.EntityManagerFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.orm.jpa.support.PersistenceAnnotationBeanPostProcessor;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Spring's {@code @PersistenceContext}/{@code @PersistenceUnit} processing, with the unit chosen by
 * the injecting bean's context when the annotation names none: a bean of context {@code orders}
 * receives {@code ordersEntityManagerFactory}'s {@code EntityManager}, a bean outside every context
 * the routing one, which serves the current context and fails as the routing DataSource does when
 * there is none. A {@code unitName} (a context's name) is resolved as Spring resolves it.
 */
final class ContextPersistenceAnnotationProcessor extends PersistenceAnnotationBeanPostProcessor {

    /** The name under which Spring registers its processor when JPA is on the class path. */
    static final String BEAN_NAME = "org.springframework.context.annotation.internalPersistenceAnnotationProcessor";

    private final ContextModel model;
    private final EntityManagerFactory routing;
    private transient @Nullable ConfigurableBeanFactory beanFactory;

    ContextPersistenceAnnotationProcessor(ContextModel model, EntityManagerFactory routing) {
        this.model = model;
        this.routing = routing;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        super.setBeanFactory(beanFactory);
        this.beanFactory = beanFactory instanceof ConfigurableBeanFactory configurable ? configurable : null;
    }

    @Override
    protected EntityManagerFactory findEntityManagerFactory(@Nullable String unitName, @Nullable String requestingBeanName)
            throws NoSuchBeanDefinitionException {
        if (StringUtils.hasLength(unitName) || requestingBeanName == null || beanFactory == null) {
            return super.findEntityManagerFactory(unitName, requestingBeanName);
        }
        Class<?> type;
        try {
            type = beanFactory.getType(requestingBeanName);
        } catch (BeansException e) {
            type = null;
        }
        if (type == null) {
            return super.findEntityManagerFactory(unitName, requestingBeanName);
        }
        String context = model.contextOf(ClassUtils.getUserClass(type)).map(ContextDefinition::name).orElse(null);
        if (context == null) {
            return routing;
        }
        String name = ContextBean.ENTITY_MANAGER_FACTORY.beanName(context);
        if (!beanFactory.containsBean(name)) {
            throw new NoSuchBeanDefinitionException(name, "bean '" + requestingBeanName + "' of context '" + context
                    + "' asks for an EntityManager, but context '" + context + "' has no JPA entities and so no"
                    + " persistence unit; put its entities in its packages");
        }
        beanFactory.registerDependentBean(name, requestingBeanName);
        return beanFactory.getBean(name, EntityManagerFactory.class);
    }
}
