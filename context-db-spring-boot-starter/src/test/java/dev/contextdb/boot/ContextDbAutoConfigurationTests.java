package dev.contextdb.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.contextdb.ContextBean;
import dev.contextdb.ContextDb;
import dev.contextdb.ContextDbConfigurationException;
import dev.contextdb.ContextScope;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.boot.app.ShopApplication;
import dev.contextdb.boot.app.billing.BillingInjections;
import dev.contextdb.boot.app.billing.BillingService;
import dev.contextdb.boot.app.sales.SalesService;
import dev.contextdb.boot.props.ContextsOnly;
import dev.contextdb.test.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.Advised;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.StatementCallback;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.TransactionTemplate;

/** The auto-configuration on embedded H2: beans, back-off, properties, absent libraries. */
class ContextDbAutoConfigurationTests {

    private final TestDatabase h2 = TestDatabase.h2();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(Shop.AUTO_CONFIGURATIONS)
            .withPropertyValues("context-db.datasource.url=" + h2.url(), "context-db.datasource.username=sa",
                    "context-db.pool.maximum-pool-size=2",
                    "spring.flyway.enabled=true");

    @AfterEach
    void dropDatabase() {
        h2.close();
    }

    @Test
    void registersEachContextsBeansUnderItsName() {
        runner.withUserConfiguration(ContextsOnly.class).run(context -> {
            assertThat(context).hasNotFailed();
            for (String name : new String[] {"sales", "billing"}) {
                assertThat(context.getBean(name + "DataSource")).isSameAs(context.getBean(ContextDb.class).dataSource(name));
                assertThat(context.getBean(name + "TransactionManager"))
                        .isSameAs(context.getBean(ContextDb.class).transactionManager(name));
                assertThat(context.getBean(name + "TransactionTemplate")).isInstanceOf(TransactionTemplate.class);
                assertThat(context.getBean(name + "JdbcTemplate", JdbcTemplate.class).getDataSource())
                        .isSameAs(context.getBean(name + "DataSource"));
                assertThat(context.getBean(name + "NamedParameterJdbcTemplate"))
                        .isInstanceOf(NamedParameterJdbcTemplate.class);
                assertThat(context.getBean(name + "JdbcClient")).isInstanceOf(JdbcClient.class);
                assertThat(context.getBean(name + "DSLContext")).isInstanceOf(DSLContext.class);
                assertThat(context.getBean(name + "Flyway", Flyway.class).info().current().getVersion().getVersion())
                        .isEqualTo("1");
            }
            assertThat(context.getBean(DataSource.class)).isSameAs(context.getBean(ContextDb.class).routingDataSource());
            assertThat(context.getBean(PlatformTransactionManager.class))
                    .isSameAs(context.getBean(ContextDb.class).routingTransactionManager());
            assertThat(context.getBean(JdbcTemplate.class).getDataSource()).isSameAs(context.getBean(DataSource.class));
        });
    }

    /**
     * The ArchUnit rules look for exactly the bean names of {@link ContextBean}: a bean the starter
     * registers per context under another name would escape them. A per-context bean is one that
     * carries the context attribute, or whose name is a context's followed by a capital letter.
     */
    @Test
    void everyBeanRegisteredPerContextIsAKindTheRulesKnow() {
        runner.withUserConfiguration(ContextsOnly.class).run(context -> {
            assertThat(context).hasNotFailed();
            ConfigurableListableBeanFactory factory = context.getBeanFactory();
            Map<String, Set<String>> suffixes = new TreeMap<>();
            for (String name : factory.getBeanDefinitionNames()) {
                Object attribute = factory.getBeanDefinition(name).getAttribute(ContextBeanRegistrar.CONTEXT_ATTRIBUTE);
                for (String owner : List.of("sales", "billing")) {
                    if (owner.equals(attribute) || name.matches(owner + "[A-Z].*")) {
                        assertThat(name).startsWith(owner);
                        suffixes.computeIfAbsent(owner, key -> new TreeSet<>()).add(name.substring(owner.length()));
                    }
                }
            }
            Set<String> known = new TreeSet<>();
            for (ContextBean bean : ContextBean.values()) {
                known.add(bean.suffix());
            }
            // This application has no JPA entities and no Spring Data JDBC: those kinds are not registered.
            Set<String> expected = new TreeSet<>(known);
            expected.removeAll(List.of(ContextBean.ENTITY_MANAGER_FACTORY.suffix(), ContextBean.ENTITY_MANAGER.suffix(),
                    ContextBean.JDBC_AGGREGATE_TEMPLATE.suffix()));
            assertThat(suffixes).containsOnlyKeys("sales", "billing");
            assertThat(suffixes.get("sales")).isEqualTo(expected);
            assertThat(suffixes.get("billing")).isEqualTo(expected);
        });
    }

    @Test
    void bootsOwnDataSourceFlywayAndJooqSetUpsBackOff() {
        runner.withUserConfiguration(ContextsOnly.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean("flyway").doesNotHaveBean("flywayInitializer");
            assertThat(context.getBeansOfType(HikariDataSource.class)).isEmpty();
            assertThat(context.getBeanFactory().getBeanDefinition("dslContext").getFactoryBeanName())
                    .isEqualTo(ContextDbJooqAutoConfiguration.class.getName());
            assertThat(context.getBeanFactory().getBeanDefinition("jdbcTemplate").getFactoryBeanName())
                    .isEqualTo(ContextDbAutoConfiguration.class.getName());
        });
    }

    @Test
    void everyFormOfInjectionInAContextGetsTheContextsOwnBeans() {
        runner.withUserConfiguration(ShopApplication.class).run(context -> {
            BillingInjections billing = context.getBean(BillingInjections.class);
            assertThat(billing.fieldDataSource()).isSameAs(context.getBean("billingDataSource"));
            assertThat(billing.setterTransactionManager()).isSameAs(context.getBean("billingTransactionManager"));
            assertThat(billing.providedJdbcClient()).isSameAs(context.getBean("billingJdbcClient"));
            assertThat(billing.providedDataSource()).isSameAs(context.getBean("billingDataSource"));
            // A collection too: a billing class sees neither sales's DataSource nor the routing one.
            assertThat(billing.allDataSources()).containsExactly(context.getBean("billingDataSource", DataSource.class));
        });
    }

    @Test
    void aBeanTheApplicationDefinesUnderAContextsNameIsThatContexts() {
        runner.withUserConfiguration(ShopApplication.class, OwnBillingJdbcTemplate.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(BillingService.class).jdbc()).isSameAs(OwnBillingJdbcTemplate.TEMPLATE);
        });
    }

    @Test
    void aDataSourceTheApplicationDefinesReplacesTheRoutingOne() {
        runner.withUserConfiguration(ContextsOnly.class, OwnDataSource.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(DataSource.class)).isSameAs(OwnDataSource.DATA_SOURCE)
                    .isNotSameAs(context.getBean(ContextDb.class).routingDataSource());
            assertThat(context).hasBean("salesDataSource");
        });
    }

    @Test
    void backsOffWhenDisabled() {
        runner.withUserConfiguration(ContextsOnly.class)
                .withPropertyValues("context-db.enabled=false", "spring.flyway.enabled=false",
                        "spring.datasource.url=" + h2.url())
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(ContextDb.class);
                    assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class);
                });
    }

    @Test
    void backsOffWithoutBoundedContexts() {
        runner.withUserConfiguration(ContextsOnly.class)
                .withPropertyValues("context-db.base-packages=dev.contextdb.boot.props", "spring.flyway.enabled=false",
                        "spring.datasource.url=" + h2.url())
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ContextDb.class));
    }

    @Test
    void basePackagesChooseWhereContextsAreFound() {
        runner.withUserConfiguration(ContextsOnly.class)
                .withPropertyValues("context-db.base-packages=dev.contextdb.boot.app.sales")
                .run(context -> {
                    assertThat(context.getBean(ContextDb.class).model().names()).containsExactly("sales");
                    assertThat(context).hasBean("salesDataSource").doesNotHaveBean("billingDataSource");
                });
    }

    @Test
    void theClassPathIsScannedForContextsOncePerApplication() {
        // The activation condition and the bean registration both need the model: one scan.
        AtomicInteger scans = new AtomicInteger();
        ClassLoader counting = new ClassLoader(getClass().getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                if (name.equals("dev/contextdb/boot/app/sales/")) {
                    scans.incrementAndGet();
                }
                return super.getResources(name);
            }
        };
        runner.withUserConfiguration(ContextsOnly.class).withClassLoader(counting)
                .withPropertyValues("context-db.base-packages=dev.contextdb.boot.app.sales")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(ContextDb.class).model().names()).containsExactly("sales");
                    assertThat(scans).hasValue(1);
                });
    }

    @Test
    void strategyIsADefaultThatAContextMayOverride() {
        runner.withUserConfiguration(ContextsOnly.class)
                .withPropertyValues("context-db.strategy=shared", "context-db.contexts.billing.strategy=schema",
                        "context-db.contexts.billing.schema=invoicing")
                .run(context -> {
                    ContextDb db = context.getBean(ContextDb.class);
                    assertThat(db.placement("sales").strategy()).isEqualTo(IsolationStrategy.SHARED);
                    assertThat(db.placement("sales").historyTable()).isEqualTo("flyway_schema_history_sales");
                    assertThat(db.placement("billing").strategy()).isEqualTo(IsolationStrategy.SCHEMA);
                    assertThat(db.placement("billing").schema()).isEqualTo("invoicing");
                });
    }

    @Test
    void singlePoolServesSchemaContextsFromOnePool() {
        runner.withUserConfiguration(ContextsOnly.class).withPropertyValues("context-db.pooling=single-pool").run(context -> {
            ContextDb db = context.getBean(ContextDb.class);
            assertThat(db.pools()).containsOnlyKeys("contextdb-schemas");
            assertThat(db.placement("sales").pool()).isEqualTo("contextdb-schemas");
        });
    }

    @Test
    void theEarlierPoolingValueSharedStillServesFromOnePool() {
        // Deprecated: it read like the SHARED strategy. It still binds, and start-up warns.
        runner.withUserConfiguration(ContextsOnly.class).withPropertyValues("context-db.pooling=shared").run(context -> {
            ContextDb db = context.getBean(ContextDb.class);
            assertThat(db.pools()).containsOnlyKeys("contextdb-schemas");
            assertThat(db.placement("sales").pool()).isEqualTo("contextdb-schemas");
        });
    }

    @Test
    void poolSettingsAcceptBootsRelaxedNamesPerContext() {
        runner.withUserConfiguration(ContextsOnly.class)
                .withPropertyValues("context-db.contexts.sales.pool.maximum-pool-size=3",
                        "context-db.contexts.billing.pool.maximumPoolSize=1", "context-db.pool.pool-name=ignored")
                .run(context -> {
                    ContextDb db = context.getBean(ContextDb.class);
                    assertThat(db.placement("sales").maximumPoolSize()).isEqualTo(3);
                    assertThat(db.placement("billing").maximumPoolSize()).isEqualTo(1);
                    assertThat(db.pools()).containsOnlyKeys("contextdb-sales", "contextdb-billing");
                });
    }

    @Test
    void defaultContextServesCodeOutsideEveryContext() {
        runner.withUserConfiguration(ContextsOnly.class).withPropertyValues("context-db.default-context=sales")
                .run(context -> {
                    JdbcClient outside = context.getBean(JdbcClient.class);
                    assertThat(outside.sql("select count(*) from sale").query(Long.class).single()).isZero();
                    context.getBean(TransactionTemplate.class).executeWithoutResult(tx ->
                            assertThat(ContextScope.current()).contains("sales"));
                });
    }

    @Test
    void withoutADefaultContextThePrimaryTransactionManagerSaysHowToChooseOne() {
        runner.withUserConfiguration(ContextsOnly.class).run(context -> {
            TransactionTemplate outside = context.getBean(TransactionTemplate.class);
            assertThatThrownBy(() -> outside.executeWithoutResult(tx -> { }))
                    .hasMessageStartingWith("No bounded context is current on thread 'main', so the routing transaction"
                            + " manager cannot choose a database.")
                    .hasMessageEndingWith("Contexts: [billing, sales].");
            ContextScope.run("billing", () -> outside.executeWithoutResult(tx ->
                    assertThat(ContextScope.current()).contains("billing")));
        });
    }

    @Test
    void migrationsCanBeSwitchedOff() {
        runner.withUserConfiguration(ContextsOnly.class).withPropertyValues("context-db.flyway.enabled=false")
                .run(context -> {
                    assertThat(context.getBean(ContextDb.class).migrations()).isEmpty();
                    assertThat(h2.tablesIn("sales")).isEmpty();
                    assertThat(context).hasBean("salesFlyway");
                });
    }

    @Test
    void eachContextsFlywayBeanIsTheInstanceThatMigratedIt() {
        runner.withUserConfiguration(ContextsOnly.class).run(context -> {
            Flyway sales = context.getBean("salesFlyway", Flyway.class);
            assertThat(sales).isSameAs(context.getBean(ContextDb.class).flyway("sales").orElseThrow());
            assertThat(sales.info().current().getVersion().getVersion()).isEqualTo("1");
            sales.validate();
        });
    }

    @Test
    void withMigrationsOffEachContextStillHasAFlywayBean() {
        runner.withUserConfiguration(ContextsOnly.class).withPropertyValues("context-db.flyway.enabled=false")
                .run(context -> {
                    // The way to repair a context's history: with migrations on, every start would fail.
                    Flyway sales = context.getBean("salesFlyway", Flyway.class);
                    assertThat(sales).isSameAs(context.getBean(ContextDb.class).flyway("sales")
                            .orElseThrow());
                    assertThat(sales.info().applied()).isEmpty();
                    assertThat(sales.info().pending()).hasSize(1);
                });
    }

    @Test
    void withoutAnyUrlEachApplicationGetsAnEmbeddedDatabaseDroppedWhenItCloses() {
        String[] url = new String[1];
        new ApplicationContextRunner().withConfiguration(Shop.AUTO_CONFIGURATIONS)
                .withUserConfiguration(ContextsOnly.class).run(context -> {
                    try (java.sql.Connection connection = context.getBean("salesDataSource", DataSource.class)
                            .getConnection()) {
                        url[0] = connection.getMetaData().getURL();
                    }
                    assertThat(url[0]).startsWith("jdbc:h2:mem:contextdb-");
                });
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url[0] + ";IFEXISTS=TRUE", "sa", "").close())
                .isInstanceOf(java.sql.SQLException.class).hasMessageContaining("not found");
    }

    @Test
    void bootsTransactionSettingsAndListenersApplyToEachContextsManager() {
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<DataSourceTransactionManager> customized = new java.util.concurrent.CopyOnWriteArrayList<>();
        runner.withConfiguration(AutoConfigurations.of(TransactionManagerCustomizationAutoConfiguration.class))
                .withUserConfiguration(ContextsOnly.class)
                .withBean(TransactionExecutionListener.class, () -> new TransactionExecutionListener() {
                    @Override
                    public void afterCommit(TransactionExecution transaction, Throwable failure) {
                        events.add("commit " + transaction.getTransactionName());
                    }
                })
                .withPropertyValues("spring.transaction.default-timeout=7s",
                        "spring.transaction.rollback-on-commit-failure=true")
                .withBean("recordingCustomizer", TransactionManagerCustomizer.class,
                        () -> (TransactionManagerCustomizer<DataSourceTransactionManager>) customized::add)
                .run(context -> {
                    // Boot's customizers ran on Spring's manager underneath each context's manager.
                    assertThat(customized).hasSize(2).allSatisfy(manager -> {
                        assertThat(manager.getDefaultTimeout()).isEqualTo(7);
                        assertThat(manager.isRollbackOnCommitFailure()).isTrue();
                    });
                    PlatformTransactionManager sales = context.getBean("salesTransactionManager",
                            PlatformTransactionManager.class);
                    JdbcTemplate jdbc = context.getBean("salesJdbcTemplate", JdbcTemplate.class);
                    TransactionTemplate template = new TransactionTemplate(sales);
                    template.setName("sales-work");
                    Integer timeout = template.execute(tx -> jdbc.execute(
                            (StatementCallback<Integer>) java.sql.Statement::getQueryTimeout));
                    assertThat(timeout).isEqualTo(7);
                    assertThat(events).containsExactly("commit sales-work");
                });
    }

    @Test
    void migrationLocationsArePerContext() {
        runner.withUserConfiguration(ContextsOnly.class)
                .withPropertyValues("context-db.contexts.billing.flyway.locations=classpath:db/migration/sales")
                .run(context -> assertThat(h2.tablesIn("billing")).containsExactly("flyway_schema_history", "sale"));
    }

    @Test
    void beansOfAContextAreProxiedToEnterItUnlessSwitchedOff() {
        runner.withUserConfiguration(ShopApplication.class).run(context ->
                assertThat(((Advised) context.getBean(SalesService.class)).getAdvisors())
                        .hasAtLeastOneElementOfType(ContextEntryAdvisor.class));
        runner.withUserConfiguration(ShopApplication.class).withPropertyValues("context-db.enter-on-bean-call=false")
                .run(context -> {
                    SalesService sales = context.getBean(SalesService.class);
                    assertThat(((Advised) sales).getAdvisors()).noneMatch(ContextEntryAdvisor.class::isInstance);
                    // @Transactional still runs in sales' manager, which enters sales.
                    sales.record(1);
                    assertThat(ContextScope.call("sales", sales::count)).isEqualTo(1);
                });
    }

    @Test
    void anExplicitQualifierWinsOverTheContextsTransactionManager() {
        runner.withUserConfiguration(ShopApplication.class).run(context ->
                assertThat(context.getBean(SalesService.class).explicitlyInBilling()).isEqualTo("billing"));
    }

    @Test
    void guardFailRefusesAnotherContextsWorkInsideATransaction() {
        runner.withUserConfiguration(ShopApplication.class).withPropertyValues("context-db.guard=fail").run(context ->
                assertThatThrownBy(() -> context.getBean(SalesService.class).recordChargeThenFail(1))
                        .rootCause().hasMessageStartingWith("Context 'billing' takes a connection while context 'sales'"
                                + " has a transaction open on this thread"));
    }

    @Test
    void eachContextsDslContextRendersWhereTheContextsLive() {
        runner.withUserConfiguration(ContextsOnly.class)
                .withPropertyValues("context-db.contexts.sales.schema=shop_sales",
                        "context-db.contexts.billing.schema=shop_billing")
                .run(context -> {
                    DSLContext sales = context.getBean("salesDSLContext", DSLContext.class);
                    assertThat(sales.dialect()).isEqualTo(org.jooq.SQLDialect.H2);
                    // Generated code names the development schema, or another context by its name.
                    assertThat(sales.render(sales.selectFrom(DSL.table(DSL.name("public", "sale")))))
                            .contains("\"shop_sales\".\"sale\"");
                    assertThat(sales.render(sales.selectFrom(DSL.table(DSL.name("billing", "invoice")))))
                            .contains("\"shop_billing\".\"invoice\"");
                    assertThat(sales.selectCount().from(DSL.table("sale")).fetchOne(0, Long.class))
                            .isZero();
                });
    }

    @Test
    void runsWithoutJooq() {
        runner.withUserConfiguration(ContextsOnly.class).withClassLoader(new FilteredClassLoader("org.jooq"))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasBean("salesDataSource").doesNotHaveBean("salesDSLContext");
                    assertThat(context).doesNotHaveBean("dslContext");
                });
    }

    @Test
    void runsWithoutFlyway() {
        runner.withUserConfiguration(ContextsOnly.class).withClassLoader(new FilteredClassLoader("org.flywaydb"))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasBean("salesJdbcClient").doesNotHaveBean("salesFlyway");
                    assertThat(context.getBean(ContextDb.class).migrations()).isEmpty();
                });
    }

    @Test
    void startupThreadsBelowOneFailTheStartNamingTheProperty() {
        runner.withUserConfiguration(ContextsOnly.class).withPropertyValues("context-db.startup-threads=0")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(ContextDbConfigurationException.class)
                        .hasMessage("context-db.startup-threads = 0 is not a number of threads. Fix: set it to 1 or"
                                + " more, or remove it to use one per processor."));
    }

    @Test
    void startupThreadsMigrateTheContextsAllTheSame() {
        runner.withUserConfiguration(ContextsOnly.class).withPropertyValues("context-db.startup-threads=4")
                .run(context -> {
                    assertThat(context.getBean(ContextDb.class).migrations()).containsOnlyKeys("sales", "billing");
                    assertThat(h2.tablesIn("sales")).contains("flyway_schema_history");
                    assertThat(h2.tablesIn("billing")).contains("flyway_schema_history");
                });
    }

    @Test
    void maxConnectionsPerContextAboveTheSharedPoolFailsTheStartNamingTheProperty() {
        runner.withUserConfiguration(ContextsOnly.class).withPropertyValues("context-db.pooling=single-pool",
                "context-db.pool.maximum-pool-size=4", "context-db.max-connections-per-context=5")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(ContextDbConfigurationException.class)
                        .hasMessageStartingWith("context-db.max-connections-per-context = 5 is more than the 4"
                                + " connections of the pool that context '"));
    }

    @Test
    void aBadValueNamesItsProperty() {
        runner.withUserConfiguration(ContextsOnly.class).withPropertyValues("context-db.contexts.sales.strategy=sideways")
                .run(context -> {
                    Throwable failure = context.getStartupFailure();
                    while (failure != null && !(failure instanceof BindException)) {
                        failure = failure.getCause();
                    }
                    assertThat(failure).isInstanceOf(BindException.class);
                    assertThat(((BindException) failure).getProperty().getName().toString())
                            .isEqualTo("context-db.contexts.sales.strategy");
                });
    }

    @Test
    void shipsConfigurationMetadataForEveryProperty() throws Exception {
        try (InputStream metadata = getClass().getClassLoader()
                .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            String json = new String(metadata.readAllBytes(), StandardCharsets.UTF_8);
            for (String property : new String[] {"context-db.strategy", "context-db.pooling", "context-db.guard",
                    "context-db.datasource.url", "context-db.default-context", "context-db.base-packages",
                    "context-db.roles.enabled", "context-db.flyway.enabled", "context-db.contexts", "context-db.pool",
                    "context-db.enter-on-bean-call", "context-db.enabled", "context-db.startup-threads",
                    "context-db.max-connections-per-context"}) {
                assertThat(json).contains("\"name\": \"" + property + "\"");
            }
            assertThat(json).contains("The isolation strategy of every context that does not set its own.");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBillingJdbcTemplate {

        static final JdbcTemplate TEMPLATE = new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:unused"));

        @Bean
        JdbcTemplate billingJdbcTemplate() {
            return TEMPLATE;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnDataSource {

        static final DataSource DATA_SOURCE = new DriverManagerDataSource("jdbc:h2:mem:own");

        /** Replacing the primary routing bean: same name, and primary among the per-context beans. */
        @Bean
        @Primary
        DataSource dataSource() {
            return DATA_SOURCE;
        }
    }
}
