package dev.contextdb.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.ContextBean;
import dev.contextdb.ContextDb;
import dev.contextdb.ContextDbConfigurationException;
import dev.contextdb.ContextScope;
import dev.contextdb.boot.jpa.JpaShopApplication;
import dev.contextdb.boot.jpa.outside.JpaReporting;
import dev.contextdb.boot.jpa.shipping.ShippingService;
import dev.contextdb.boot.jpa.stock.StockService;
import dev.contextdb.boot.jpacross.CrossContextApplication;
import dev.contextdb.boot.jpaoutside.OutsideApplication;
import dev.contextdb.test.TestDatabase;
import dev.contextdb.test.TestDatabase.Kind;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.jpa.repository.config.JpaRepositoryConfigExtension;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactoryBean;
import org.springframework.orm.jpa.JpaVendorAdapter;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.test.util.ReflectionTestUtils;

/** The JPA auto-configuration on embedded H2: beans, injection, Boot's back-off, properties, start-up errors. */
@ExtendWith(OutputCaptureExtension.class)
class ContextDbJpaAutoConfigurationTests {

    private final TestDatabase h2 = TestDatabase.h2();

    /** For applications without migrations (they fail before any SQL runs). */
    private final ApplicationContextRunner bare = JpaShop.runner()
            .withPropertyValues("context-db.datasource.url=" + h2.url(), "context-db.datasource.username=sa",
                    "context-db.pool.maximum-pool-size=2");

    private final ApplicationContextRunner runner = bare.withPropertyValues(JpaShop.migrations(Kind.H2));

    @AfterEach
    void dropDatabase() {
        h2.close();
    }

    @Test
    void everyContextWithEntitiesGetsItsUnitEntityManagerAndJpaTransactionManager() {
        runner.withUserConfiguration(JpaShopApplication.class).run(context -> {
            assertThat(context).hasNotFailed();
            ContextDb contextDb = context.getBean(ContextDb.class);
            for (String name : List.of("shipping", "stock")) {
                LocalContainerEntityManagerFactoryBean unit = context.getBean("&" + name + "EntityManagerFactory",
                        LocalContainerEntityManagerFactoryBean.class);
                assertThat(unit.getPersistenceUnitName()).isEqualTo(name);
                assertThat(unit.getDataSource()).isSameAs(context.getBean(name + "DataSource"))
                        .isSameAs(contextDb.dataSource(name));
                assertThat(context.getBean(name + "EntityManager")).isInstanceOf(EntityManager.class);
                assertThat(context.getBean(name + "TransactionManager")).isSameAs(contextDb.transactionManager(name));
            }
            // The manager underneath each context's is created at its first transaction.
            context.getBean(ShippingService.class).ship("Basel");
            context.getBean(StockService.class).add("bolt", 1);
            for (String name : List.of("shipping", "stock")) {
                // A JpaTransactionManager's resource is its unit; a DataSourceTransactionManager's would be the
                // DataSource. That JDBC work joins it on the same connection, JpaIntegrationTest proves.
                Object resource = ((org.springframework.transaction.support.ResourceTransactionManager)
                        contextDb.transactionManager(name)).getResourceFactory();
                assertThat(resource).isSameAs(context.getBean(name + "EntityManagerFactory"));
            }
            // Each unit holds its own context's entities only.
            assertThat(managedTypes(context.getBean("shippingEntityManagerFactory", EntityManagerFactory.class)))
                    .containsExactly("Shipment");
            assertThat(managedTypes(context.getBean("stockEntityManagerFactory", EntityManagerFactory.class)))
                    .containsExactly("Item");
        });
    }

    @Test
    void everyBeanRegisteredPerContextIsAKindTheRulesKnowWithJpa() {
        runner.withUserConfiguration(JpaShopApplication.class).run(context -> {
            assertThat(context).hasNotFailed();
            ConfigurableListableBeanFactory factory = context.getBeanFactory();
            Map<String, Set<String>> suffixes = new TreeMap<>();
            for (String name : factory.getBeanDefinitionNames()) {
                Object attribute = factory.getBeanDefinition(name).getAttribute(ContextBeanRegistrar.CONTEXT_ATTRIBUTE);
                for (String owner : List.of("shipping", "stock")) {
                    // By the attribute: the application's own shippingService is no per-context bean.
                    if (owner.equals(attribute)) {
                        suffixes.computeIfAbsent(owner, key -> new TreeSet<>()).add(name.substring(owner.length()));
                    }
                }
            }
            Set<String> expected = new TreeSet<>();
            for (ContextBean bean : ContextBean.values()) {
                expected.add(bean.suffix());
            }
            expected.remove(ContextBean.JDBC_AGGREGATE_TEMPLATE.suffix());
            assertThat(suffixes.get("shipping")).isEqualTo(expected);
            assertThat(suffixes.get("stock")).isEqualTo(expected);
        });
    }

    @Test
    void unqualifiedEntityManagersInAContextAreItsOwnAndOutsideTheRoutingOne() {
        runner.withUserConfiguration(JpaShopApplication.class).run(context -> {
            assertThat(context).hasNotFailed();
            ShippingService shipping = context.getBean(ShippingService.class);
            assertThat(shipping.constructorEntityManager()).isSameAs(context.getBean("shippingEntityManager"));
            assertThat(shipping.entityManagerFactory()).isSameAs(context.getBean("shippingEntityManagerFactory"));
            // @PersistenceContext: a shared EntityManager of shipping's unit.
            assertThat(shipping.entityManager().getEntityManagerFactory())
                    .isSameAs(context.getBean("shippingEntityManagerFactory"));
            StockService stock = context.getBean(StockService.class);
            assertThat(stock.entityManager().getEntityManagerFactory())
                    .isSameAs(context.getBean("stockEntityManagerFactory"));

            JpaReporting reporting = context.getBean(JpaReporting.class);
            assertThat(reporting.constructorEntityManager).isSameAs(context.getBean("entityManager"));
            String message = "No bounded context is current on thread '" + Thread.currentThread().getName()
                    + "', so the routing EntityManager cannot choose a database. Enter one with"
                    + " ContextScope.run(\"<context>\", ...), call the code through a bean or @Transactional method"
                    + " of its context, use the context's own DataSource or transaction manager, or set"
                    + " context-db.default-context. Contexts: [shipping, stock].";
            assertThatThrownBy(reporting::shipments).isInstanceOf(IllegalStateException.class).hasMessage(message);
            assertThatThrownBy(() -> reporting.constructorEntityManager.find(Object.class, 1))
                    .isInstanceOf(IllegalStateException.class).hasMessage(message);
            assertThat(ContextScope.call("shipping", reporting::shipments)).isZero();
            assertThatThrownBy(() -> ContextScope.call("stock", reporting::shipments))
                    .hasMessageContaining("Shipment");
        });
    }

    @Test
    void repositoriesAreBoundToTheirContextsUnitAndTransactionManager() {
        runner.withUserConfiguration(JpaShopApplication.class).run(context -> {
            assertThat(context).hasNotFailed();
            JpaRepositoryFactoryBean<?, ?, ?> shipments = context.getBean("&shipmentRepository",
                    JpaRepositoryFactoryBean.class);
            EntityManager entityManager = (EntityManager) ReflectionTestUtils.getField(shipments, "entityManager");
            assertThat(entityManager.getEntityManagerFactory()).isSameAs(context.getBean("shippingEntityManagerFactory"));
            assertThat(context.getBeanFactory().getBeanDefinition("shipmentRepository").getPropertyValues()
                    .get("transactionManager")).isEqualTo("shippingTransactionManager");
            assertThat(context.getBeanFactory().getBeanDefinition("itemRepository").getPropertyValues()
                    .get("transactionManager")).isEqualTo("stockTransactionManager");
            assertThat(AopUtils.isAopProxy(context.getBean(StockService.class).items())).isTrue();
        });
    }

    @Test
    void bootsOwnJpaAndRepositoryAutoConfigurationsBackOff() {
        runner.withUserConfiguration(JpaShopApplication.class).run(context -> {
            assertThat(context).hasNotFailed();
            // Boot's single unit on the routing DataSource, its transaction manager and builder.
            assertThat(context.getBeanNamesForType(EntityManagerFactory.class))
                    .containsExactlyInAnyOrder("shippingEntityManagerFactory", "stockEntityManagerFactory");
            assertThat(context).doesNotHaveBean("entityManagerFactory")
                    .doesNotHaveBean("jpaVendorAdapter").doesNotHaveBean("entityManagerFactoryBuilder")
                    .doesNotHaveBean("persistenceManagedTypes");
            assertThat(context.getBeansOfType(JpaVendorAdapter.class)).isEmpty();
            assertThat(context.getBean("transactionManager")).isSameAs(context.getBean(ContextDb.class)
                    .routingTransactionManager());
            // Boot's repositories registrar did not run: exactly the repositories of the two contexts.
            assertThat(context.getBeanNamesForType(JpaRepositoryFactoryBean.class))
                    .containsExactlyInAnyOrder("&shipmentRepository", "&itemRepository");
            assertThat(context).hasSingleBean(JpaRepositoryConfigExtension.class);
        });
    }

    @Test
    void contextPropertiesOverrideSpringJpaPropertiesPerUnit() {
        runner.withUserConfiguration(JpaShopApplication.class)
                .withPropertyValues("spring.jpa.properties.hibernate.jdbc.batch_size=10",
                        "context-db.contexts.stock.jpa.properties.hibernate.jdbc.batch_size=50",
                        "spring.jpa.show-sql=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Map<String, Object> shipping = context.getBean("shippingEntityManagerFactory",
                            EntityManagerFactory.class).getProperties();
                    Map<String, Object> stock = context.getBean("stockEntityManagerFactory",
                            EntityManagerFactory.class).getProperties();
                    assertThat(shipping).containsEntry("hibernate.jdbc.batch_size", "10")
                            .containsEntry("hibernate.show_sql", "true");
                    assertThat(stock).containsEntry("hibernate.jdbc.batch_size", "50");
                    assertThat(stock).doesNotContainKey("hibernate.hbm2ddl.auto");
                });
    }

    @Test
    void aRelationshipToAnotherContextsEntityFailsTheStartWithBothClassesAndContexts() {
        bare.withUserConfiguration(CrossContextApplication.class).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = rootConfigurationFailure(context.getStartupFailure());
            assertThat(failure).isInstanceOf(ContextDbConfigurationException.class).hasMessage(
                    "Entity dev.contextdb.boot.jpacross.buying.Purchase of context 'buying' maps a @ManyToOne relationship"
                            + " (Purchase.customer) to dev.contextdb.boot.jpacross.crm.Customer of context 'crm':"
                            + " each context's entities are a persistence unit of their own, and one context does not"
                            + " map another's data. Fix: reference the Customer by its id instead (a plain column such"
                            + " as customerId) and ask context 'crm' for it through its API or events.");
            assertThat(((ContextDbConfigurationException) failure).getContext()).isEqualTo("buying");
        });
    }

    @Test
    void anEntityOutsideEveryContextFailsTheStart() {
        bare.withUserConfiguration(OutsideApplication.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(rootConfigurationFailure(context.getStartupFailure())).hasMessage(
                    "Entity dev.contextdb.boot.jpaoutside.Stray belongs to no bounded context, so no persistence unit"
                            + " holds it: every context with entities has a unit of its own. Contexts: [inside]."
                            + " Fix: move the entity into the package of the context that owns its table.");
        });
    }

    @Test
    void openSessionInViewIsSwitchedOffWithOneWarningInAServletApplication(CapturedOutput output) {
        webRunner().withUserConfiguration(JpaShopApplication.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean("openEntityManagerInViewInterceptor")
                    .doesNotHaveBean(org.springframework.orm.jpa.support.OpenEntityManagerInViewInterceptor.class);
        });
        assertThat(output.getOut().split(java.util.regex.Pattern.quote(BootJpaBackOff.OPEN_IN_VIEW_WARNING), -1))
                .as("the warning, once").hasSize(2);
    }

    @Test
    void noWarningWhenOpenInViewIsSetToFalse(CapturedOutput output) {
        webRunner().withUserConfiguration(JpaShopApplication.class).withPropertyValues("spring.jpa.open-in-view=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean("openEntityManagerInViewInterceptor");
                });
        assertThat(output.getOut()).doesNotContain("open-session-in-view");
    }

    /** The same application as a servlet web application, where Boot would register its open-in-view interceptor. */
    private WebApplicationContextRunner webRunner() {
        return new WebApplicationContextRunner().withConfiguration(Shop.AUTO_CONFIGURATIONS)
                .withConfiguration(JpaShop.JPA_AUTO_CONFIGURATIONS)
                .withPropertyValues("context-db.datasource.url=" + h2.url(), "context-db.datasource.username=sa",
                        "context-db.pool.maximum-pool-size=2")
                .withPropertyValues(JpaShop.migrations(Kind.H2));
    }

    @Test
    void aRepositoryOutsideEveryContextFailsTheStart() {
        bare.withUserConfiguration(dev.contextdb.boot.jparepos.StrayRepositoryApplication.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(rootConfigurationFailure(context.getStartupFailure())).hasMessage(
                    "Spring Data JPA repository dev.contextdb.boot.jparepos.Boxes belongs to no bounded context, so no"
                            + " persistence unit can serve it: every context with entities has a unit of its own."
                            + " Contexts: [owner]. Fix: move the repository into the package of the context that owns"
                            + " its entity.");
        });
    }

    @Test
    void aRepositoryInAContextWithoutEntitiesFailsTheStart() {
        bare.withUserConfiguration(dev.contextdb.boot.jparepos2.MisplacedRepositoryApplication.class).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = rootConfigurationFailure(context.getStartupFailure());
            assertThat(failure).hasMessage(
                    "Spring Data JPA repository dev.contextdb.boot.jparepos2.empty.Crates belongs to context 'empty',"
                            + " which has no JPA entities and so no persistence unit (emptyEntityManagerFactory)."
                            + " Fix: put the repository's entity in the packages of context 'empty', or move the"
                            + " repository to the context that owns the entity.");
            assertThat(((ContextDbConfigurationException) failure).getContext()).isEqualTo("empty");
        });
    }

    private static Throwable rootConfigurationFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ContextDbConfigurationException) {
                return cause;
            }
        }
        return failure;
    }

    private static List<String> managedTypes(EntityManagerFactory factory) {
        return factory.getMetamodel().getEntities().stream().map(type -> type.getJavaType().getSimpleName()).sorted()
                .toList();
    }
}
