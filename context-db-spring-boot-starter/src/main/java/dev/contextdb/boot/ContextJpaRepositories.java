package dev.contextdb.boot;

import dev.contextdb.ContextBean;
import dev.contextdb.ContextDbConfigurationException;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanNameGenerator;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.data.jpa.repository.config.JpaRepositoryConfigExtension;
import org.springframework.data.repository.config.AnnotationRepositoryConfigurationSource;
import org.springframework.data.repository.config.BootstrapMode;
import org.springframework.data.repository.config.RepositoryConfiguration;
import org.springframework.data.repository.config.RepositoryConfigurationDelegate;
import org.springframework.data.util.Streamable;
import org.springframework.util.StringUtils;

/**
 * Spring Data JPA repositories per context, registered by Spring Data's own machinery (so custom
 * fragments, named queries, auditing and the rest work as with {@code @EnableJpaRepositories}): for
 * each context with entities, the repository interfaces in its packages, bound to
 * {@code <context>EntityManagerFactory} and {@code <context>TransactionManager}. The application's
 * packages are scanned once; a JPA repository outside every context, or in a context without
 * entities, is a start-up error, because it has no persistence unit to run on.
 */
final class ContextJpaRepositories {

    static final String ENABLED = "spring.data.jpa.repositories.enabled";
    private static final String BOOTSTRAP_MODE = "spring.data.jpa.repositories.bootstrap-mode";

    private ContextJpaRepositories() {
    }

    static void register(ContextModel model, ContextEntities entities, List<String> basePackages,
            BeanDefinitionRegistry registry, ResourceLoader resourceLoader, Environment environment,
            BeanNameGenerator beanNameGenerator) {
        Source everything = new Source(null, basePackages, null, resourceLoader, environment, registry,
                beanNameGenerator);
        Map<String, List<BeanDefinition>> byContext = new LinkedHashMap<>();
        List<BeanDefinition> unbound = new ArrayList<>();
        for (BeanDefinition candidate : everything.scan(resourceLoader)) {
            Optional<ContextDefinition> owner = model.contextOf(candidate.getBeanClassName());
            if (owner.isPresent() && entities.has(owner.get().name())) {
                byContext.computeIfAbsent(owner.get().name(), name -> new ArrayList<>()).add(candidate);
            } else {
                unbound.add(candidate);
            }
        }
        rejectUnbound(model, unbound, resourceLoader, environment, registry, beanNameGenerator, basePackages);
        // What @EnableJpaRepositories exposes too: Boot's repository auto-configuration backs off on it.
        if (!registry.containsBeanDefinition(JpaRepositoryConfigExtension.class.getName())) {
            RootBeanDefinition extension = new RootBeanDefinition(JpaRepositoryConfigExtension.class);
            extension.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
            registry.registerBeanDefinition(JpaRepositoryConfigExtension.class.getName(), extension);
        }
        for (String context : entities.contexts()) {
            String basePackage = model.context(context).orElseThrow().basePackage();
            Source source = new Source(context, List.of(basePackage), byContext.getOrDefault(context, List.of()),
                    resourceLoader, environment, registry, beanNameGenerator);
            new RepositoryConfigurationDelegate(source, resourceLoader, environment)
                    .registerRepositoriesIn(registry, new JpaRepositoryConfigExtension());
        }
    }

    /** Only repositories that Spring Data JPA would claim (a JPA repository or one of an entity) are at fault. */
    private static void rejectUnbound(ContextModel model, List<BeanDefinition> unbound, ResourceLoader resourceLoader,
            Environment environment, BeanDefinitionRegistry registry, BeanNameGenerator beanNameGenerator,
            List<String> basePackages) {
        if (unbound.isEmpty()) {
            return;
        }
        Source source = new Source(null, basePackages, unbound, resourceLoader, environment, registry, beanNameGenerator);
        for (RepositoryConfiguration<Source> repository : new JpaRepositoryConfigExtension()
                .getRepositoryConfigurations(source, resourceLoader, true)) {
            String type = repository.getRepositoryInterface();
            Optional<ContextDefinition> owner = model.contextOf(type);
            if (owner.isEmpty()) {
                throw new ContextDbConfigurationException(null, "@BoundedContext",
                        "Spring Data JPA repository " + type + " belongs to no bounded context, so no persistence unit"
                                + " can serve it: every context with entities has a unit of its own. Contexts: "
                                + model.names() + ".",
                        "move the repository into the package of the context that owns its entity.");
            }
            String context = owner.get().name();
            throw new ContextDbConfigurationException(context, "@BoundedContext",
                    "Spring Data JPA repository " + type + " belongs to context '" + context + "', which has no JPA"
                            + " entities and so no persistence unit (" + ContextBean.ENTITY_MANAGER_FACTORY.beanName(context)
                            + ").",
                    "put the repository's entity in the packages of context '" + context + "', or move the"
                            + " repository to the context that owns the entity.");
        }
    }

    /** Carries the defaults of {@code @EnableJpaRepositories}; never registered as configuration. */
    @EnableJpaRepositories
    private static final class Defaults {
    }

    /**
     * {@code @EnableJpaRepositories(basePackages = <context's>, entityManagerFactoryRef =
     * "<context>EntityManagerFactory", transactionManagerRef = "<context>TransactionManager")}, with
     * the candidates found by the one scan of the application.
     */
    static final class Source extends AnnotationRepositoryConfigurationSource {

        private final String context;
        private final List<String> basePackages;
        private final List<BeanDefinition> candidates;
        private final Environment environment;

        Source(String context, List<String> basePackages, List<BeanDefinition> candidates, ResourceLoader resourceLoader,
                Environment environment, BeanDefinitionRegistry registry, BeanNameGenerator beanNameGenerator) {
            super(AnnotationMetadata.introspect(Defaults.class), EnableJpaRepositories.class, resourceLoader,
                    environment, registry, beanNameGenerator);
            this.context = context;
            this.basePackages = basePackages;
            this.candidates = candidates;
            this.environment = environment;
        }

        Streamable<BeanDefinition> scan(ResourceLoader resourceLoader) {
            return super.getCandidates(resourceLoader);
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
            if (context != null && name.equals("entityManagerFactoryRef")) {
                return Optional.of(ContextBean.ENTITY_MANAGER_FACTORY.beanName(context));
            }
            if (context != null && name.equals("transactionManagerRef")) {
                return Optional.of(ContextBean.TRANSACTION_MANAGER.beanName(context));
            }
            return super.getAttribute(name);
        }

        @Override
        public BootstrapMode getBootstrapMode() {
            String mode = environment.getProperty(BOOTSTRAP_MODE);
            return StringUtils.hasText(mode) ? BootstrapMode.valueOf(mode.trim().toUpperCase(Locale.ROOT))
                    : BootstrapMode.DEFAULT;
        }

        @Override
        public String getResourceDescription() {
            return context == null ? "context-db's scan for Spring Data JPA repositories"
                    : "context-db's Spring Data JPA repositories of context '" + context + "'";
        }
    }
}
