package dev.contextdb.boot;

import dev.contextdb.ContextBean;
import dev.contextdb.ContextDb;
import dev.contextdb.ContextModel;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.Role;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.data.jdbc.repository.config.AbstractJdbcConfiguration;

/**
 * Spring Data JDBC per context, when it is on the class path ({@code spring-boot-starter-data-jdbc}):
 * every context gets a {@code <context>JdbcAggregateTemplate} with the dialect of its own database
 * and a mapping context of its own aggregates, and the Spring Data JDBC repository interfaces in a
 * context's packages work on that template and on {@code <context>TransactionManager}. No
 * {@code @EnableJdbcRepositories} and no {@code AbstractJdbcConfiguration} in the application.
 *
 * <pre>{@code
 * @Table                                                       // purchase_order; lines in table order_line
 * record PurchaseOrder(@Id Long id, String customer, Set<OrderLine> lines) {}
 *
 * interface PurchaseOrders extends ListCrudRepository<PurchaseOrder, Long> {}   // bound to orders
 *
 * @Service
 * class OrderService {
 *     private final PurchaseOrders orders;
 *     private final JdbcAggregateTemplate aggregates;          // ordersJdbcAggregateTemplate
 *     private final JdbcClient jdbc;                           // ordersJdbcClient
 *     ...
 *     @Transactional                                            // ordersTransactionManager: all three join it
 *     public long place(PurchaseOrder order) { ... }
 * }
 * }</pre>
 *
 * A class of the context that injects {@code JdbcAggregateTemplate} or
 * {@code JdbcAggregateOperations} without a qualifier receives the context's. There is no primary
 * template on the routing DataSource: one mapping context cannot speak the dialects of several
 * databases, so code outside every context names the context's template with a qualifier.
 * Boot's Spring Data JDBC auto-configuration backs off; {@code spring.data.jdbc.repositories.enabled=false}
 * still switches the repositories off, and an {@code @EnableJdbcRepositories} of the application
 * replaces context-db's repositories altogether (the templates remain).
 */
@AutoConfiguration(after = ContextDbAutoConfiguration.class,
        beforeName = "org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration")
@ConditionalOnClass({JdbcAggregateTemplate.class, AbstractJdbcConfiguration.class})
@ConditionalOnBean(ContextModel.class)
@Import({ContextDbDataJdbcAutoConfiguration.Templates.class, ContextJdbcRepositories.class})
public final class ContextDbDataJdbcAutoConfiguration {

    ContextDbDataJdbcAutoConfiguration() {
    }

    /**
     * What tells Boot's Spring Data JDBC auto-configuration that Spring Data JDBC is configured, so
     * that it builds no single mapping context, converter and template on the routing DataSource.
     * It configures nothing itself: each context's stack is built with its template.
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static AbstractJdbcConfiguration contextDbJdbcConfiguration() {
        return new AbstractJdbcConfiguration();
    }

    /** Registers {@code <context>JdbcAggregateTemplate} for every context. */
    static final class Templates implements ImportBeanDefinitionRegistrar {

        private final ListableBeanFactory beanFactory;
        private final ResourceLoader resourceLoader;

        Templates(BeanFactory beanFactory, ResourceLoader resourceLoader) {
            this.beanFactory = (ListableBeanFactory) beanFactory;
            this.resourceLoader = resourceLoader;
        }

        @Override
        public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
            ContextModel model = beanFactory.getBean(ContextModel.class);
            for (String context : model.names()) {
                ContextBeanRegistrar.register(registry, context, ContextBean.JDBC_AGGREGATE_TEMPLATE,
                        JdbcAggregateTemplate.class, () -> ContextAggregateTemplates.create(context,
                                beanFactory.getBean(ContextDb.class), model, beanFactory, resourceLoader));
            }
        }
    }
}
