package dev.contextdb.boot;

import dev.contextdb.ContextBean;
import dev.contextdb.ContextDbConfigurationException;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanNameGenerator;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
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
        // One scan of the application (or, without its packages, of the contexts'), split by context,
        // as the JPA side does; a nested context's repositories go to it, not to the enclosing one.
        List<String> roots = new ArrayList<>(ContextModels.basePackages(environment, beanFactory));
        if (roots.isEmpty()) {
            model.contexts().forEach(context -> roots.add(context.basePackage()));
        }
        Map<String, List<BeanDefinition>> byContext = new LinkedHashMap<>();
        List<BeanDefinition> unbound = new ArrayList<>();
        Source everything = new Source(null, roots, null, resourceLoader, environment, registry, generator);
        for (BeanDefinition candidate : everything.getCandidates(resourceLoader)) {
            model.contextOf(candidate.getBeanClassName()).ifPresentOrElse(
                    owner -> byContext.computeIfAbsent(owner.name(), name -> new ArrayList<>()).add(candidate),
                    () -> unbound.add(candidate));
        }
        rejectOutsideContexts(model, extension,
                new Source(null, roots, unbound, resourceLoader, environment, registry, generator));
        List<RepositoryConfigurationSource> sources = new ArrayList<>();
        for (ContextDefinition context : model.contexts()) {
            Source source = new Source(context.name(), List.of(context.basePackage()),
                    byContext.getOrDefault(context.name(), List.of()), resourceLoader, environment, registry, generator);
            new RepositoryConfigurationDelegate(source, resourceLoader, environment).registerRepositoriesIn(registry,
                    extension);
            sources.add(source);
        }
        if (!sources.isEmpty()) {
            RepositoryConfigurationUtils.exposeRegistration(extension, registry, sources.get(0));
        }
    }

    /**
     * A Spring Data JDBC repository outside every context has no template to run on: it would not
     * be registered and fail later as a missing bean. Said at start-up instead.
     */
    private static void rejectOutsideContexts(ContextModel model, JdbcRepositoryConfigExtension extension,
            Source unbound) {
        for (var repository : extension.getRepositoryConfigurations(unbound, unbound.resourceLoader, true)) {
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

    /**
     * One context's repositories (its packages, its template, its transaction manager), with the
     * candidates the one scan found for it; without a context, the scan of the whole application.
     */
    private static final class Source extends AnnotationRepositoryConfigurationSource {

        private final @Nullable String context;
        private final List<String> basePackages;
        private final @Nullable List<BeanDefinition> candidates;
        private final ResourceLoader resourceLoader;

        Source(@Nullable String context, List<String> basePackages, @Nullable List<BeanDefinition> candidates,
                ResourceLoader resourceLoader, Environment environment, BeanDefinitionRegistry registry,
                @Nullable BeanNameGenerator generator) {
            super(AnnotationMetadata.introspect(Defaults.class), EnableJdbcRepositories.class, resourceLoader,
                    environment, registry, generator);
            this.context = context;
            this.basePackages = basePackages;
            this.candidates = candidates;
            this.resourceLoader = resourceLoader;
        }

        @Override
        public Streamable<BeanDefinition> getCandidates(ResourceLoader loader) {
            return candidates == null ? super.getCandidates(loader) : Streamable.of(candidates);
        }

        @Override
        public Streamable<String> getBasePackages() {
            return Streamable.of(basePackages);
        }

        @Override
        public Optional<String> getAttribute(String name) {
            if (context != null && name.equals("jdbcAggregateOperationsRef")) {
                return Optional.of(ContextBean.JDBC_AGGREGATE_TEMPLATE.beanName(context));
            }
            if (context != null && name.equals("transactionManagerRef")) {
                return Optional.of(ContextBean.TRANSACTION_MANAGER.beanName(context));
            }
            return super.getAttribute(name);
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
            return context == null ? "context-db's scan for Spring Data JDBC repositories"
                    : "context-db's Spring Data JDBC repositories of context '" + context + "'";
        }
    }
}
