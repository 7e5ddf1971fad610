package dev.contextdb.boot;

import dev.contextdb.ContextBean;
import dev.contextdb.ContextDbConfigurationException;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanNameGenerator;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.TypeFilter;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.data.jdbc.repository.config.JdbcRepositoryConfigExtension;
import org.springframework.data.repository.config.AnnotationRepositoryConfigurationSource;
import org.springframework.data.repository.config.RepositoryConfigurationDelegate;
import org.springframework.data.repository.config.RepositoryConfigurationSource;
import org.springframework.data.repository.config.RepositoryConfigurationUtils;
import org.springframework.data.util.Streamable;

/**
 * Registers the Spring Data JDBC repositories of every context, as {@code @EnableJdbcRepositories}
 * would for one context's packages with {@code jdbcAggregateOperationsRef =
 * "<context>JdbcAggregateTemplate"} and {@code transactionManagerRef = "<context>TransactionManager"}.
 * Spring Data's own registration does the work, so query methods, custom fragments
 * ({@code …Impl}) and {@code @Query} behave as they do without context-db.
 *
 * <p>Steps aside when the application enables JDBC repositories itself (an
 * {@code @EnableJdbcRepositories} of its own), or sets {@code spring.data.jdbc.repositories.enabled=false}.
 * Registering Spring Data's extension as a bean is what makes Boot's own JDBC repositories back off.
 */
final class ContextJdbcRepositories implements ImportBeanDefinitionRegistrar {

    static final String ENABLED_PROPERTY = "spring.data.jdbc.repositories.enabled";

    private final Environment environment;
    private final ListableBeanFactory beanFactory;
    private final ResourceLoader resourceLoader;

    ContextJdbcRepositories(Environment environment, BeanFactory beanFactory, ResourceLoader resourceLoader) {
        this.environment = environment;
        this.beanFactory = (ListableBeanFactory) beanFactory;
        this.resourceLoader = resourceLoader;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry,
            BeanNameGenerator generator) {
        if (!environment.getProperty(ENABLED_PROPERTY, Boolean.class, true)
                || beanFactory.getBeanNamesForType(JdbcRepositoryConfigExtension.class, false, false).length > 0) {
            return;
        }
        ContextModel model = beanFactory.getBean(ContextModel.class);
        JdbcRepositoryConfigExtension extension = new JdbcRepositoryConfigExtension();
        List<RepositoryConfigurationSource> sources = new ArrayList<>();
        for (ContextDefinition context : model.contexts()) {
            ContextSource source = new ContextSource(context, model, resourceLoader, environment, registry, generator);
            new RepositoryConfigurationDelegate(source, resourceLoader, environment).registerRepositoriesIn(registry,
                    extension);
            sources.add(source);
        }
        if (!sources.isEmpty()) {
            RepositoryConfigurationUtils.exposeRegistration(extension, registry, sources.get(0));
        }
        rejectOutsideContexts(model, extension, registry, generator);
    }

    /**
     * A Spring Data JDBC repository outside every context has no template to run on: it would not
     * be registered and fail later as a missing bean. Said at start-up instead.
     */
    private void rejectOutsideContexts(ContextModel model, JdbcRepositoryConfigExtension extension,
            BeanDefinitionRegistry registry, @Nullable BeanNameGenerator generator) {
        List<String> basePackages = ContextModels.basePackages(environment, beanFactory);
        if (basePackages.isEmpty()) {
            return;
        }
        AnnotationRepositoryConfigurationSource everything = new AnnotationRepositoryConfigurationSource(
                AnnotationMetadata.introspect(Defaults.class), EnableJdbcRepositories.class, resourceLoader, environment,
                registry, generator) {
            @Override
            public Streamable<String> getBasePackages() {
                return Streamable.of(basePackages);
            }

            @Override
            public Streamable<TypeFilter> getExcludeFilters() {
                return super.getExcludeFilters().and((reader, factory) ->
                        model.contextOf(reader.getClassMetadata().getClassName()).isPresent());
            }
        };
        for (var repository : extension.getRepositoryConfigurations(everything, resourceLoader, true)) {
            throw new ContextDbConfigurationException(null, "@BoundedContext",
                    "Spring Data JDBC repository " + repository.getRepositoryInterface() + " belongs to no bounded"
                            + " context, so no context's JdbcAggregateTemplate can serve it. Contexts: "
                            + model.names() + ".",
                    "move the repository into the package of the context that owns its aggregate.");
        }
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        registerBeanDefinitions(metadata, registry, null);
    }

    /** The template whose defaults ({@code …Impl} postfix, query lookup, base class) every context uses. */
    @EnableJdbcRepositories
    private static final class Defaults {
    }

    /** One context's repositories: its packages, its template, its transaction manager. */
    private static final class ContextSource extends AnnotationRepositoryConfigurationSource {

        private final ContextDefinition context;
        private final ContextModel model;

        ContextSource(ContextDefinition context, ContextModel model, ResourceLoader resourceLoader,
                Environment environment, BeanDefinitionRegistry registry, @Nullable BeanNameGenerator generator) {
            super(AnnotationMetadata.introspect(Defaults.class), EnableJdbcRepositories.class, resourceLoader,
                    environment, registry, generator);
            this.context = context;
            this.model = model;
        }

        @Override
        public Streamable<String> getBasePackages() {
            return Streamable.of(context.basePackage());
        }

        /** A context nested in this one's packages registers its repositories itself. */
        @Override
        public Streamable<TypeFilter> getExcludeFilters() {
            TypeFilter otherContexts = (reader, factory) -> model.contextOf(reader.getClassMetadata().getClassName())
                    .map(owner -> !owner.name().equals(context.name())).orElse(true);
            return super.getExcludeFilters().and(otherContexts);
        }

        @Override
        public Optional<String> getAttribute(String name) {
            return switch (name) {
                case "jdbcAggregateOperationsRef" ->
                        Optional.of(ContextBean.JDBC_AGGREGATE_TEMPLATE.beanName(context.name()));
                case "transactionManagerRef" -> Optional.of(ContextBean.TRANSACTION_MANAGER.beanName(context.name()));
                default -> super.getAttribute(name);
            };
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> Optional<T> getAttribute(String name, Class<T> type) {
            if (type == String.class && (name.equals("jdbcAggregateOperationsRef") || name.equals("transactionManagerRef"))) {
                return (Optional<T>) getAttribute(name);
            }
            return super.getAttribute(name, type);
        }

        @Override
        public String getResourceDescription() {
            return "bounded context '" + context.name() + "' (" + context.source() + ")";
        }
    }
}
