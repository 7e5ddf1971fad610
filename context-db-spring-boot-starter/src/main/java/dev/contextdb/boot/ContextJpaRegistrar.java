package dev.contextdb.boot;

import dev.contextdb.ContextBean;
import dev.contextdb.ContextModel;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanNameGenerator;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.util.ClassUtils;

/**
 * Registers the JPA beans of every context with entities, the routing {@code entityManager} for
 * code outside every context, Spring Data JPA's repositories per context, the context-aware
 * {@code @PersistenceContext} processing, and the back-off of Boot's single-unit JPA beans.
 */
final class ContextJpaRegistrar implements ImportBeanDefinitionRegistrar {

    static final String ROUTING_ENTITY_MANAGER = "entityManager";
    private static final String SPRING_DATA_JPA = "org.springframework.data.jpa.repository.JpaRepository";

    private final Environment environment;
    private final ListableBeanFactory beanFactory;
    private final ClassLoader classLoader;
    private final ResourceLoader resourceLoader;

    ContextJpaRegistrar(Environment environment, BeanFactory beanFactory, ClassLoader classLoader,
            ResourceLoader resourceLoader) {
        this.environment = environment;
        this.beanFactory = (ListableBeanFactory) beanFactory;
        this.classLoader = classLoader;
        this.resourceLoader = resourceLoader;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry,
            BeanNameGenerator beanNameGenerator) {
        ContextModel model = beanFactory.getBean(ContextModel.class);
        List<String> basePackages = ContextModels.basePackages(environment, beanFactory);
        ContextEntities entities = ContextEntities.scan(model, basePackages, resourceLoader);
        EntityManagerFactory routing = RoutingEntityManagerFactory.create(beanFactory);

        infrastructure(registry, "contextDbBootJpaBackOff", BootJpaBackOff.class, BootJpaBackOff::new);
        if (registry.containsBeanDefinition(ContextPersistenceAnnotationProcessor.BEAN_NAME)) {
            registry.removeBeanDefinition(ContextPersistenceAnnotationProcessor.BEAN_NAME);
        }
        infrastructure(registry, ContextPersistenceAnnotationProcessor.BEAN_NAME,
                ContextPersistenceAnnotationProcessor.class, () -> new ContextPersistenceAnnotationProcessor(model, routing));

        Set<String> units = new LinkedHashSet<>();
        for (String context : entities.contexts()) {
            units.add(context);
            registerEntityManagerFactory(registry, context, entities);
            ContextBeanRegistrar.register(registry, context, ContextBean.ENTITY_MANAGER, EntityManager.class,
                    () -> SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory(context)));
        }
        infrastructure(registry, "contextDbJpaTransactions", ContextDbIntegration.class,
                () -> builder -> units.forEach(context -> builder.resourceTransactionManager(context, dataSource -> {
                    JpaTransactionManager manager = new JpaTransactionManager(entityManagerFactory(context));
                    manager.setDataSource(dataSource);
                    return manager;
                })));
        if (!registry.containsBeanDefinition(ROUTING_ENTITY_MANAGER)) {
            RootBeanDefinition definition = new RootBeanDefinition(EntityManager.class,
                    () -> SharedEntityManagerCreator.createSharedEntityManager(routing));
            definition.setPrimary(true);
            registry.registerBeanDefinition(ROUTING_ENTITY_MANAGER, definition);
        }
        if (ClassUtils.isPresent(SPRING_DATA_JPA, classLoader)
                && environment.getProperty(ContextJpaRepositories.ENABLED, Boolean.class, true)) {
            ContextJpaRepositories.register(model, entities, basePackages, registry, resourceLoader, environment,
                    beanNameGenerator);
        }
    }

    private void registerEntityManagerFactory(BeanDefinitionRegistry registry, String context, ContextEntities entities) {
        String name = ContextBean.ENTITY_MANAGER_FACTORY.beanName(context);
        if (registry.containsBeanDefinition(name)) {
            return;
        }
        RootBeanDefinition definition = new RootBeanDefinition(LocalContainerEntityManagerFactoryBean.class,
                () -> ContextPersistenceUnit.create(context, entities, beanFactory, classLoader));
        definition.setTargetType(ResolvableType.forClass(LocalContainerEntityManagerFactoryBean.class));
        definition.setAttribute(FactoryBean.OBJECT_TYPE_ATTRIBUTE, EntityManagerFactory.class);
        definition.setAttribute(ContextBeanRegistrar.CONTEXT_ATTRIBUTE, context);
        registry.registerBeanDefinition(name, definition);
    }

    private EntityManagerFactory entityManagerFactory(String context) {
        return beanFactory.getBean(ContextBean.ENTITY_MANAGER_FACTORY.beanName(context), EntityManagerFactory.class);
    }

    private static <T> void infrastructure(BeanDefinitionRegistry registry, String name, Class<T> type,
            Supplier<T> supplier) {
        if (registry.containsBeanDefinition(name)) {
            return;
        }
        RootBeanDefinition definition = new RootBeanDefinition(type, supplier);
        definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
        registry.registerBeanDefinition(name, definition);
    }
}
