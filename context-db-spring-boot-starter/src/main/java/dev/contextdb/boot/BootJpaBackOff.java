package dev.contextdb.boot;

import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.core.Ordered;

/**
 * Removes what Boot's single-unit JPA configuration registered although context-db's persistence
 * units replace it. Ordered after it, context-db's factories already make Boot's
 * {@code entityManagerFactory} and transaction manager back off; but its {@code jpaVendorAdapter}
 * and {@code entityManagerFactoryBuilder} (built for the routing DataSource) and, in a servlet web
 * application, its open-in-view interceptor have no condition that context-db can satisfy. The
 * interceptor would look for the one {@code EntityManagerFactory} and, with a unit per context,
 * find several: open-session-in-view is off, with one warning saying why.
 */
final class BootJpaBackOff implements BeanDefinitionRegistryPostProcessor, Ordered {

    static final String OPEN_IN_VIEW_WARNING = "spring.jpa.open-in-view is not set to false, but context-db switches"
            + " open-session-in-view off: every bounded context has a persistence unit of its own, so no single"
            + " EntityManager can stay open for a whole web request. Load what a view needs inside the context's"
            + " @Transactional service method (fetch joins, DTO projections), and set spring.jpa.open-in-view=false"
            + " to acknowledge this.";

    private static final Logger log = LoggerFactory.getLogger(BootJpaBackOff.class);

    /** Boot's configuration classes whose bean methods assume one DataSource and one unit. */
    private static final Set<String> BOOT_JPA_CONFIGURATIONS = Set.of(
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaConfiguration",
            "org.springframework.boot.jpa.autoconfigure.JpaBaseConfiguration$JpaWebConfiguration",
            "org.springframework.boot.jpa.autoconfigure.JpaBaseConfiguration$PersistenceManagedTypesConfiguration");

    private static final String OPEN_IN_VIEW_INTERCEPTOR = "openEntityManagerInViewInterceptor";

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
        boolean openInView = false;
        for (String name : registry.getBeanDefinitionNames()) {
            BeanDefinition definition = registry.getBeanDefinition(name);
            String declaring = definition.getFactoryMethodName() != null ? declaringClass(registry, definition) : null;
            if (declaring != null && BOOT_JPA_CONFIGURATIONS.contains(declaring)) {
                registry.removeBeanDefinition(name);
                openInView |= name.equals(OPEN_IN_VIEW_INTERCEPTOR);
            }
        }
        if (openInView) {
            log.warn(OPEN_IN_VIEW_WARNING);
        }
    }

    /** The class declaring a {@code @Bean} method: its configuration bean's class, or its own for a static one. */
    private static String declaringClass(BeanDefinitionRegistry registry, BeanDefinition definition) {
        String factoryBean = definition.getFactoryBeanName();
        if (factoryBean == null) {
            return definition.getBeanClassName();
        }
        return registry.containsBeanDefinition(factoryBean)
                ? registry.getBeanDefinition(factoryBean).getBeanClassName() : null;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
