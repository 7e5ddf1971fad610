package dev.contextdb.boot;

import dev.contextdb.ContextBean;
import dev.contextdb.ContextDb;
import dev.contextdb.ContextModel;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers the context model, the per-context beans and the machinery of context-aware injection
 * and {@code @Transactional} resolution. Runs while the auto-configuration is read, so the bean
 * names are known before Boot's own DataSource, JDBC and transaction auto-configurations decide
 * whether to back off, and after the user's configuration, so a user's bean of the same name wins.
 */
final class ContextBeanRegistrar implements ImportBeanDefinitionRegistrar {

    static final String MODEL_BEAN = "contextModel";

    /** The bean definition attribute that names a per-context bean's context. */
    static final String CONTEXT_ATTRIBUTE = ContextBeanRegistrar.class.getName() + ".context";

    private final Environment environment;
    private final BeanFactory beanFactory;
    private final ClassLoader classLoader;

    ContextBeanRegistrar(Environment environment, BeanFactory beanFactory, ClassLoader classLoader) {
        this.environment = environment;
        this.beanFactory = beanFactory;
        this.classLoader = classLoader;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        ContextModel model = ContextModels.scan(environment, beanFactory, classLoader);
        if (!registry.containsBeanDefinition(MODEL_BEAN)) {
            RootBeanDefinition definition = new RootBeanDefinition(ContextModel.class, () -> model);
            registry.registerBeanDefinition(MODEL_BEAN, definition);
        }
        infrastructure(registry, "contextDbInjection", ContextAwareInjection.class, () -> new ContextAwareInjection(model));
        infrastructure(registry, "contextDbTransactionAttributes", ContextTransactionAttributes.class,
                () -> new ContextTransactionAttributes(model));
        if (ContextDbProperties.bind(environment).isEnterOnBeanCall()) {
            infrastructure(registry, "contextDbEntryAdvisor", ContextEntryAdvisor.class, () -> new ContextEntryAdvisor(model));
            AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
        }
        for (String context : model.names()) {
            register(registry, context, ContextBean.DATA_SOURCE, DataSource.class,
                    () -> contextDb().dataSource(context));
            register(registry, context, ContextBean.TRANSACTION_MANAGER, PlatformTransactionManager.class,
                    () -> contextDb().transactionManager(context));
            register(registry, context, ContextBean.TRANSACTION_TEMPLATE, TransactionTemplate.class,
                    () -> new TransactionTemplate(bean(ContextBean.TRANSACTION_MANAGER, context,
                            PlatformTransactionManager.class)));
            register(registry, context, ContextBean.JDBC_TEMPLATE, JdbcTemplate.class,
                    () -> new JdbcTemplate(bean(ContextBean.DATA_SOURCE, context, DataSource.class)));
            register(registry, context, ContextBean.NAMED_PARAMETER_JDBC_TEMPLATE, NamedParameterJdbcTemplate.class,
                    () -> new NamedParameterJdbcTemplate(bean(ContextBean.JDBC_TEMPLATE, context, JdbcTemplate.class)));
            register(registry, context, ContextBean.JDBC_CLIENT, JdbcClient.class,
                    () -> JdbcClient.create(bean(ContextBean.NAMED_PARAMETER_JDBC_TEMPLATE, context,
                            NamedParameterJdbcTemplate.class)));
        }
    }

    private ContextDb contextDb() {
        return beanFactory.getBean(ContextDb.class);
    }

    private <T> T bean(ContextBean kind, String context, Class<T> type) {
        return beanFactory.getBean(kind.beanName(context), type);
    }

    /**
     * Registers {@code <context><suffix>} unless the application defines a bean of that name:
     * then the user's bean is the context's, and injection treats it as such.
     */
    static <T> void register(BeanDefinitionRegistry registry, String context, ContextBean kind, Class<T> type,
            Supplier<T> supplier) {
        String name = kind.beanName(context);
        if (registry.containsBeanDefinition(name)) {
            return;
        }
        RootBeanDefinition definition = new RootBeanDefinition(type, supplier);
        definition.setTargetType(ResolvableType.forClass(type));
        definition.setAttribute(CONTEXT_ATTRIBUTE, context);
        // Default candidates, so that Boot's @ConditionalOnMissingBean sees them and backs off; outside
        // every context the primary (routing) bean wins, inside one ContextAwareInjection narrows.
        registry.registerBeanDefinition(name, definition);
    }

    private static <T> void infrastructure(BeanDefinitionRegistry registry, String name, Class<T> type, Supplier<T> supplier) {
        if (registry.containsBeanDefinition(name)) {
            return;
        }
        RootBeanDefinition definition = new RootBeanDefinition(type, supplier);
        definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
        registry.registerBeanDefinition(name, definition);
    }
}
