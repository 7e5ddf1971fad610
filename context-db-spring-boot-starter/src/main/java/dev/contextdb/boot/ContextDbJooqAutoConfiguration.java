package dev.contextdb.boot;

import dev.contextdb.ContextBean;
import dev.contextdb.ContextDb;
import dev.contextdb.ContextModel;
import dev.contextdb.DatabaseVendor;
import dev.contextdb.Placement;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteListenerProvider;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultDSLContext;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.Primary;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.ClassUtils;

/**
 * A {@code <context>DSLContext} per context when jOOQ is on the class path: the context's
 * dialect, its transactional connections, and its schema rendered wherever generated code or SQL
 * names another one (generated against a development database, say). A class of the context that
 * injects {@code DSLContext} without a qualifier receives its own.
 *
 * <pre>{@code
 * @Repository
 * class OrderRepository {
 *     private final DSLContext dsl;                      // ordersDSLContext
 *     OrderRepository(DSLContext dsl) { this.dsl = dsl; }
 * }
 * }</pre>
 *
 * The primary {@code dslContext} works on the routing DataSource. Boot's jOOQ auto-configuration
 * backs off; its exception translation and {@code DefaultConfigurationCustomizer}s apply to every
 * context's configuration.
 */
@AutoConfiguration(after = ContextDbAutoConfiguration.class,
        beforeName = "org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration")
@ConditionalOnClass(DSLContext.class)
@ConditionalOnBean(ContextModel.class)
@Import(ContextDbJooqAutoConfiguration.Registrar.class)
public final class ContextDbJooqAutoConfiguration {

    private static final String SPRING_TRANSACTION_PROVIDER =
            "org.springframework.boot.jooq.autoconfigure.SpringTransactionProvider";
    private static final String CUSTOMIZER = "org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer";

    ContextDbJooqAutoConfiguration() {
    }

    @Bean
    @Primary
    @ConditionalOnMissingBean(name = "jooqConfiguration")
    Configuration jooqConfiguration(ContextDb contextDb, DataSource dataSource,
            PlatformTransactionManager transactionManager, ListableBeanFactory beanFactory) {
        List<DatabaseVendor> vendors = contextDb.placements().stream().map(Placement::vendor).distinct().toList();
        SQLDialect dialect = vendors.size() == 1 ? dialect(vendors.get(0)) : SQLDialect.DEFAULT;
        return configuration(dialect, dataSource, transactionManager, beanFactory);
    }

    @Bean
    @Primary
    @ConditionalOnMissingBean(name = "dslContext")
    DSLContext dslContext(Configuration jooqConfiguration) {
        return new DefaultDSLContext(jooqConfiguration);
    }

    static DSLContext forContext(ContextDb contextDb, String context, ListableBeanFactory beanFactory) {
        Placement placement = contextDb.placement(context);
        DataSource dataSource = beanFactory.getBean(ContextBean.DATA_SOURCE.beanName(context), DataSource.class);
        PlatformTransactionManager transactionManager = beanFactory.getBean(
                ContextBean.TRANSACTION_MANAGER.beanName(context), PlatformTransactionManager.class);
        Configuration configuration = configuration(dialect(placement.vendor()), dataSource, transactionManager,
                beanFactory);
        // After the customizers, so that none of them can drop the context's schema mapping.
        placeSchema(configuration.settings(), contextDb, placement);
        return new DefaultDSLContext(configuration);
    }

    private static Configuration configuration(SQLDialect dialect, DataSource dataSource,
            PlatformTransactionManager transactionManager, ListableBeanFactory beanFactory) {
        DefaultConfiguration configuration = new DefaultConfiguration();
        configuration.set(dialect);
        configuration.set(new DataSourceConnectionProvider(new TransactionAwareDataSourceProxy(dataSource)));
        configuration.set(new Settings());
        ClassLoader classLoader = ContextDbJooqAutoConfiguration.class.getClassLoader();
        if (ClassUtils.isPresent(SPRING_TRANSACTION_PROVIDER, classLoader)) {
            BootJooq.transactions(configuration, transactionManager);
        }
        configuration.set(beanFactory.getBeanProvider(ExecuteListenerProvider.class).orderedStream()
                .toArray(ExecuteListenerProvider[]::new));
        if (ClassUtils.isPresent(CUSTOMIZER, classLoader)) {
            BootJooq.customize(configuration, beanFactory);
        }
        return configuration;
    }

    /**
     * Under SHARED, or DATABASE without a schema, tables are unqualified: the connection's default
     * schema is the context's. Otherwise every schema a context is known by maps to where that
     * context lives, and any other schema name to the context's own.
     */
    private static void placeSchema(Settings settings, ContextDb contextDb, Placement placement) {
        if (placement.schema() == null) {
            settings.setRenderSchema(false);
            return;
        }
        RenderMapping mapping = new RenderMapping();
        for (Placement other : contextDb.placements()) {
            if (other.schema() != null && !other.context().equals(placement.context())) {
                mapping.withSchemata(new MappedSchema().withInput(other.context()).withOutput(other.schema()));
            }
        }
        mapping.withSchemata(new MappedSchema()
                .withInputExpression(Pattern.compile("(?i)(?!information_schema$|pg_catalog$).+"))
                .withOutput(placement.schema()));
        settings.setRenderMapping(mapping);
    }

    static SQLDialect dialect(DatabaseVendor vendor) {
        return SQLDialect.valueOf(vendor.jooqDialect());
    }

    /** Boot's jOOQ integration, touched only when spring-boot-jooq is present. */
    private static final class BootJooq {

        static void transactions(DefaultConfiguration configuration, PlatformTransactionManager transactionManager) {
            configuration.set(new org.springframework.boot.jooq.autoconfigure.SpringTransactionProvider(transactionManager));
        }

        static void customize(DefaultConfiguration configuration, ListableBeanFactory beanFactory) {
            ObjectProvider<org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer> customizers =
                    beanFactory.getBeanProvider(org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer.class);
            customizers.orderedStream().forEach(customizer -> customizer.customize(configuration));
        }
    }

    static final class Registrar implements ImportBeanDefinitionRegistrar {

        private final ListableBeanFactory beanFactory;

        Registrar(BeanFactory beanFactory) {
            this.beanFactory = (ListableBeanFactory) beanFactory;
        }

        @Override
        public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
            for (String context : beanFactory.getBean(ContextModel.class).names()) {
                ContextBeanRegistrar.register(registry, context, ContextBean.DSL_CONTEXT, DSLContext.class,
                        () -> forContext(beanFactory.getBean(ContextDb.class), context, beanFactory));
            }
        }
    }
}
