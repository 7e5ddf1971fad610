package dev.contextdb.boot;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextModel;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Auto-configuration of context-db: every {@code @BoundedContext} of the application gets its
 * placement, pool, migrations and beans from the {@code context-db.*} properties.
 *
 * <p>Active when the application declares at least one bounded context (in
 * {@code context-db.base-packages}, else the packages of the {@code @SpringBootApplication}) and
 * {@code context-db.enabled} is not {@code false}. It runs before Boot's DataSource, JDBC and
 * transaction auto-configurations, which then back off. Per context it registers
 * {@code <context>DataSource}, {@code <context>TransactionManager}, {@code <context>TransactionTemplate},
 * {@code <context>JdbcTemplate}, {@code <context>NamedParameterJdbcTemplate} and
 * {@code <context>JdbcClient} (a bean of the same name defined by the application is used
 * instead); the primary {@code dataSource}, {@code transactionManager}, {@code transactionTemplate},
 * {@code jdbcTemplate}, {@code namedParameterJdbcTemplate} and {@code jdbcClient} route by the
 * current context; a bean of the same name defined by the application replaces each of them.
 *
 * <pre>{@code
 * @BoundedContext(name = "orders", reads = "catalog")
 * package com.acme.shop.orders;
 *
 * @Service
 * class OrderService {
 *     private final JdbcClient jdbc;                    // ordersJdbcClient, no qualifier needed
 *     OrderService(JdbcClient jdbc) { this.jdbc = jdbc; }
 *
 *     @Transactional                                    // ordersTransactionManager
 *     public void place(long id) { jdbc.sql("insert into purchase_order(id) values (?)").param(id).update(); }
 * }
 * }</pre>
 *
 * To switch it off: {@code context-db.enabled=false}, or exclude this class.
 */
@AutoConfiguration(before = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        DataSourceInitializationAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
        JdbcClientAutoConfiguration.class, TransactionAutoConfiguration.class},
        beforeName = {"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
                "org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration"})
@ConditionalOnBooleanProperty(name = "context-db.enabled", matchIfMissing = true)
@Conditional(OnBoundedContextsCondition.class)
@EnableConfigurationProperties(ContextDbProperties.class)
@Import(ContextBeanRegistrar.class)
public final class ContextDbAutoConfiguration {

    ContextDbAutoConfiguration() {
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ContextDb contextDb(ContextModel contextModel, ContextDbProperties properties, Environment environment,
            ResourceLoader resourceLoader, ObjectProvider<TransactionManagerCustomizers> transactionManagerCustomizers,
            ObjectProvider<ContextDbIntegration> integrations) {
        ContextDb contextDb = ContextDbFactory.build(contextModel, properties, environment,
                resourceLoader.getClassLoader(), transactionManagerCustomizers.getIfAvailable(),
                integrations.orderedStream().toList());
        StartupReport.log(contextDb);
        return contextDb;
    }

    @Bean
    @Primary
    @ConditionalOnMissingBean(name = "dataSource")
    DataSource dataSource(ContextDb contextDb) {
        return contextDb.routingDataSource();
    }

    @Bean
    @Primary
    @ConditionalOnMissingBean(name = "transactionManager")
    PlatformTransactionManager transactionManager(ContextDb contextDb) {
        return contextDb.routingTransactionManager();
    }

    @Bean
    @Primary
    @ConditionalOnMissingBean(name = "transactionTemplate")
    @ConditionalOnSingleCandidate(PlatformTransactionManager.class)
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }

    @Bean
    @Primary
    @ConditionalOnMissingBean(name = "jdbcTemplate")
    @ConditionalOnSingleCandidate(DataSource.class)
    JdbcTemplate jdbcTemplate(DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    @Primary
    @ConditionalOnMissingBean(name = "namedParameterJdbcTemplate")
    @ConditionalOnSingleCandidate(JdbcTemplate.class)
    NamedParameterJdbcTemplate namedParameterJdbcTemplate(JdbcTemplate jdbcTemplate) {
        return new NamedParameterJdbcTemplate(jdbcTemplate);
    }

    @Bean
    @Primary
    @ConditionalOnMissingBean(name = "jdbcClient")
    @ConditionalOnSingleCandidate(NamedParameterJdbcTemplate.class)
    JdbcClient jdbcClient(NamedParameterJdbcTemplate namedParameterJdbcTemplate) {
        return JdbcClient.create(namedParameterJdbcTemplate);
    }
}
