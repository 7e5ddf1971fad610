package dev.contextdb.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.ContextBean;
import dev.contextdb.ContextDbConfigurationException;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.boot.datajdbc.catalog.CatalogService;
import dev.contextdb.boot.datajdbc.catalog.Product;
import dev.contextdb.boot.datajdbc.catalog.Products;
import dev.contextdb.boot.datajdbc.orders.OrderLine;
import dev.contextdb.boot.datajdbc.orders.OrderService;
import dev.contextdb.boot.datajdbc.orders.PurchaseOrder;
import dev.contextdb.boot.datajdbc.orders.PurchaseOrders;
import dev.contextdb.boot.datajdbccrossing.CrossingContexts;
import dev.contextdb.boot.datajdbccrossing.billing.Invoice;
import dev.contextdb.boot.datajdbccrossing.shipping.Shipment;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase;
import dev.contextdb.test.TestDatabase.Kind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.data.jdbc.core.dialect.JdbcH2Dialect;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.repository.config.AbstractJdbcConfiguration;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.data.jdbc.repository.config.JdbcRepositoryConfigExtension;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;

/** Spring Data JDBC per context on embedded H2: the beans, Boot's back-off, the switches. */
class ContextDbDataJdbcAutoConfigurationTests {

    @Test
    void everyContextGetsItsOwnAggregateTemplateOnItsOwnOperations() {
        try (Scenario scenario = Shop.scenario(Kind.H2, IsolationStrategy.SCHEMA)) {
            DataJdbcShop.runner().withPropertyValues(DataJdbcShop.properties(scenario)).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBeansOfType(JdbcAggregateTemplate.class))
                        .containsOnlyKeys("ordersJdbcAggregateTemplate", "catalogJdbcAggregateTemplate");
                for (String name : List.of("orders", "catalog")) {
                    JdbcAggregateTemplate template = context.getBean(name + "JdbcAggregateTemplate",
                            JdbcAggregateTemplate.class);
                    assertThat(template.getDataAccessStrategy().getJdbcOperations())
                            .isSameAs(context.getBean(name + "NamedParameterJdbcTemplate"));
                    assertThat(template.getDataAccessStrategy().getDialect()).isSameAs(JdbcH2Dialect.INSTANCE);
                }
                RelationalMappingContext orders = context.getBean("ordersJdbcAggregateTemplate",
                        JdbcAggregateTemplate.class).getConverter().getMappingContext();
                RelationalMappingContext catalog = context.getBean("catalogJdbcAggregateTemplate",
                        JdbcAggregateTemplate.class).getConverter().getMappingContext();
                assertThat(orders).isNotSameAs(catalog);
                // Each knows its own @Table aggregates from the start, and nothing of the other context.
                assertThat(orders.hasPersistentEntityFor(PurchaseOrder.class)).isTrue();
                assertThat(orders.hasPersistentEntityFor(OrderLine.class)).isTrue();
                assertThat(orders.hasPersistentEntityFor(Product.class)).isFalse();
                assertThat(catalog.hasPersistentEntityFor(Product.class)).isTrue();
                assertThat(catalog.hasPersistentEntityFor(PurchaseOrder.class)).isFalse();
            });
        }
    }

    @Test
    void unqualifiedInjectionInAContextGetsItsOwnTemplate() {
        try (Scenario scenario = Shop.scenario(Kind.H2, IsolationStrategy.SCHEMA)) {
            DataJdbcShop.runner().withPropertyValues(DataJdbcShop.properties(scenario)).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(OrderService.class).aggregates())
                        .isSameAs(context.getBean("ordersJdbcAggregateTemplate"));
                assertThat(context.getBean(OrderService.class).jdbc()).isSameAs(context.getBean("ordersJdbcClient"));
                assertThat(context.getBean(CatalogService.class).aggregates())
                        .isSameAs(context.getBean("catalogJdbcAggregateTemplate"));
            });
        }
    }

    @Test
    void bootsOwnSpringDataJdbcBacksOff() {
        try (Scenario scenario = Shop.scenario(Kind.H2, IsolationStrategy.SCHEMA)) {
            DataJdbcShop.runner().withPropertyValues(DataJdbcShop.properties(scenario)).run(context -> {
                assertThat(context).hasNotFailed();
                // No single mapping stack on the routing DataSource ...
                assertThat(context).doesNotHaveBean(JdbcMappingContext.class).doesNotHaveBean("jdbcAggregateTemplate")
                        .doesNotHaveBean("jdbcConverter").doesNotHaveBean("jdbcDialect")
                        .doesNotHaveBean("dataAccessStrategyBean").doesNotHaveBean("idGeneratingBeforeSaveCallback");
                assertThat(context.getBeanNamesForType(AbstractJdbcConfiguration.class))
                        .containsExactly("contextDbJdbcConfiguration");
                // ... and the repositories are registered once, by context-db, one extension for all.
                assertThat(context.getBeanNamesForType(JdbcRepositoryConfigExtension.class)).hasSize(1);
                assertThat(context).hasSingleBean(PurchaseOrders.class).hasSingleBean(Products.class);
            });
        }
    }

    @Test
    void repositoriesCanBeSwitchedOffAsInBoot() {
        try (Scenario scenario = Shop.scenario(Kind.H2, IsolationStrategy.SCHEMA)) {
            DataJdbcShop.contextsOnly().withPropertyValues(DataJdbcShop.properties(scenario))
                    .withPropertyValues("spring.data.jdbc.repositories.enabled=false")
                    .run(context -> {
                        assertThat(context).hasNotFailed().doesNotHaveBean(PurchaseOrders.class)
                                .doesNotHaveBean(Products.class).doesNotHaveBean(JdbcRepositoryConfigExtension.class)
                                .hasBean("ordersJdbcAggregateTemplate");
                    });
        }
    }

    @Test
    void theApplicationsOwnEnableJdbcRepositoriesReplacesContextDbsRepositories() {
        try (Scenario scenario = Shop.scenario(Kind.H2, IsolationStrategy.SCHEMA)) {
            DataJdbcShop.contextsOnly().withUserConfiguration(OwnOrdersRepositories.class)
                    .withPropertyValues(DataJdbcShop.properties(scenario))
                    .run(context -> {
                        assertThat(context).hasNotFailed().hasSingleBean(PurchaseOrders.class)
                                .doesNotHaveBean(Products.class).hasBean("catalogJdbcAggregateTemplate");
                        assertThat(context.getBeanNamesForType(JdbcRepositoryConfigExtension.class)).hasSize(1);
                    });
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableJdbcRepositories(basePackageClasses = PurchaseOrders.class,
            jdbcAggregateOperationsRef = "ordersJdbcAggregateTemplate", transactionManagerRef = "ordersTransactionManager")
    static class OwnOrdersRepositories {
    }

    @Test
    void withoutSpringDataJdbcNothingOfItIsRegistered() {
        try (Scenario scenario = Shop.scenario(Kind.H2, IsolationStrategy.SCHEMA)) {
            DataJdbcShop.contextsOnly().withClassLoader(new FilteredClassLoader("org.springframework.data.jdbc"))
                    .withPropertyValues(DataJdbcShop.properties(scenario))
                    .run(context -> assertThat(context).hasNotFailed()
                            .doesNotHaveBean("ordersJdbcAggregateTemplate").hasBean("ordersJdbcClient"));
        }
    }

    @Test
    void anAggregateThatHoldsAnotherContextsClassFailsTheStartNamingBoth() {
        try (TestDatabase h2 = TestDatabase.h2()) {
            new ApplicationContextRunner().withConfiguration(Shop.AUTO_CONFIGURATIONS)
                    .withConfiguration(DataJdbcShop.AUTO_CONFIGURATIONS).withUserConfiguration(CrossingContexts.class)
                    .withPropertyValues("context-db.datasource.url=" + h2.url(), "context-db.datasource.username=sa",
                            "context-db.pool.maximum-pool-size=2", "context-db.flyway.enabled=false")
                    .run(context -> {
                        assertThat(context).hasFailed();
                        assertThat(context.getStartupFailure()).rootCause()
                                .isInstanceOf(ContextDbConfigurationException.class)
                                .hasMessage("Spring Data JDBC of context 'shipping' was asked to map " + Invoice.class.getName()
                                        + " of context 'billing' (as " + Shipment.class.getName() + ".invoice): it would be"
                                        + " stored in shipping's tables, apart from billing's own. Fix: refer to the other"
                                        + " context's aggregate by its id (a Long, or AggregateReference<Invoice, ID>), or"
                                        + " move the class into context 'shipping'.");
                    });
        }
    }

    @Test
    void aRepositoryOutsideEveryContextFailsTheStart() {
        try (TestDatabase h2 = TestDatabase.h2()) {
            new ApplicationContextRunner().withConfiguration(Shop.AUTO_CONFIGURATIONS)
                    .withConfiguration(DataJdbcShop.AUTO_CONFIGURATIONS)
                    .withUserConfiguration(dev.contextdb.boot.datajdbcstray.StrayRepositoryApplication.class)
                    .withPropertyValues("context-db.datasource.url=" + h2.url(), "context-db.datasource.username=sa",
                            "context-db.pool.maximum-pool-size=2", "context-db.flyway.enabled=false")
                    .run(context -> {
                        assertThat(context).hasFailed();
                        assertThat(org.springframework.core.NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                                .isInstanceOf(ContextDbConfigurationException.class)
                                .hasMessage("Spring Data JDBC repository dev.contextdb.boot.datajdbcstray.Parcels belongs"
                                        + " to no bounded context, so no context's JdbcAggregateTemplate can serve it."
                                        + " Contexts: [parcels]. Fix: move the repository into the package of the"
                                        + " context that owns its aggregate.");
                    });
        }
    }

    /**
     * The variant of {@code ContextDbAutoConfigurationTests.everyBeanRegisteredPerContextIsAKindTheRulesKnow}
     * for an application with Spring Data JDBC: {@code <context>JdbcAggregateTemplate} is registered
     * for every context, and nothing else of Spring Data JDBC under a context's name.
     */
    @Test
    void everyBeanRegisteredPerContextIsAKindTheRulesKnow() {
        try (Scenario scenario = Shop.scenario(Kind.H2, IsolationStrategy.SCHEMA)) {
            DataJdbcShop.contextsOnly().withPropertyValues(DataJdbcShop.properties(scenario)).run(context -> {
                assertThat(context).hasNotFailed();
                ConfigurableListableBeanFactory factory = context.getBeanFactory();
                Map<String, Set<String>> suffixes = new TreeMap<>();
                for (String name : factory.getBeanDefinitionNames()) {
                    Object attribute = factory.getBeanDefinition(name).getAttribute(ContextBeanRegistrar.CONTEXT_ATTRIBUTE);
                    for (String owner : List.of("orders", "catalog")) {
                        if (owner.equals(attribute) || name.matches(owner + "[A-Z].*")) {
                            suffixes.computeIfAbsent(owner, key -> new TreeSet<>()).add(name.substring(owner.length()));
                        }
                    }
                }
                Set<String> expected = new TreeSet<>();
                for (ContextBean bean : ContextBean.values()) {
                    expected.add(bean.suffix());
                }
                // No JPA in this application.
                expected.removeAll(List.of(ContextBean.ENTITY_MANAGER_FACTORY.suffix(), ContextBean.ENTITY_MANAGER.suffix()));
                assertThat(suffixes).containsOnlyKeys("orders", "catalog");
                assertThat(suffixes.get("orders")).isEqualTo(expected).contains("JdbcAggregateTemplate");
                assertThat(suffixes.get("catalog")).isEqualTo(expected);
            });
        }
    }
}
