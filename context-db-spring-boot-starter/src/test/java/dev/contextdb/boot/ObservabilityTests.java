package dev.contextdb.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.ContextDb;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.boot.ContextDbEndpoint.ContextDescriptor;
import dev.contextdb.boot.props.ContextsOnly;
import dev.contextdb.test.TcpProxy;
import dev.contextdb.test.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Health per context, the contextdb endpoint and pool metrics, with Actuator present and absent. */
class ObservabilityTests {

    private final TestDatabase h2 = TestDatabase.h2();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(Shop.AUTO_CONFIGURATIONS)
            .withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
                    HealthEndpointAutoConfiguration.class, ContextDbHealthContributorAutoConfiguration.class,
                    ContextDbEndpointAutoConfiguration.class, MetricsAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                    DataSourcePoolMetricsAutoConfiguration.class))
            .withUserConfiguration(ContextsOnly.class)
            .withPropertyValues("context-db.datasource.url=" + h2.url(), "context-db.datasource.username=sa",
                    "context-db.pool.maximum-pool-size=2", "context-db.pool.connection-timeout=500",
                    "management.endpoints.web.exposure.include=health,contextdb",
                    "management.endpoint.health.show-components=always");

    @AfterEach
    void dropDatabase() {
        h2.close();
    }

    /**
     * sales in a schema of the PostgreSQL server, billing in a database of its own on the same
     * server, reached through a proxy that the test cuts and restores.
     */
    @Test
    void healthHasOneEntryPerContextOnlyTheUnreachableOneGoesDownAndItComesBackUpWithoutRestart() throws Exception {
        try (TestDatabase postgres = TestDatabase.postgres()) {
            String salesSchema = TestDatabase.uniqueName("sales");
            postgres.dropSchemaLater(salesSchema);
            String billingDb = postgres.createDatabase("billing");
            URI direct = URI.create(postgres.urlOf(billingDb).substring("jdbc:".length()));
            try (TcpProxy proxy = new TcpProxy(direct.getHost(), direct.getPort())) {
                runner.withPropertyValues("context-db.datasource.url=" + postgres.url(),
                        "context-db.datasource.username=" + postgres.username(),
                        "context-db.datasource.password=" + postgres.password(),
                        "context-db.contexts.sales.schema=" + salesSchema,
                        "context-db.contexts.billing.strategy=database",
                        "context-db.contexts.billing.datasource.url=jdbc:postgresql://127.0.0.1:" + proxy.port() + "/"
                                + billingDb,
                        "context-db.contexts.billing.datasource.username=" + postgres.username(),
                        "context-db.contexts.billing.datasource.password=" + postgres.password()).run(context -> {
                    assertThat(context).hasNotFailed();
                    HealthEndpoint health = context.getBean(HealthEndpoint.class);
                    CompositeHealthDescriptor contextDb = (CompositeHealthDescriptor) health.healthForPath("contextDb");
                    assertThat(contextDb.getStatus()).isEqualTo(Status.UP);
                    assertThat(contextDb.getComponents()).containsOnlyKeys("sales", "billing");

                    proxy.cut();
                    contextDb = (CompositeHealthDescriptor) health.healthForPath("contextDb");
                    assertThat(contextDb.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(contextDb.getComponents().get("billing").getStatus()).isEqualTo(Status.DOWN);
                    assertThat(contextDb.getComponents().get("sales").getStatus()).isEqualTo(Status.UP);

                    proxy.restore();
                    // Each DOWN check waits up to the connection timeout (500 ms): no pause needed between polls.
                    long restored = System.nanoTime();
                    long deadline = restored + TimeUnit.SECONDS.toNanos(30);
                    while (contextDb.getStatus() != Status.UP && System.nanoTime() < deadline) {
                        contextDb = (CompositeHealthDescriptor) health.healthForPath("contextDb");
                    }
                    assertThat(contextDb.getComponents().get("billing").getStatus()).as("billing after the restore")
                            .isEqualTo(Status.UP);
                    assertThat(contextDb.getStatus()).isEqualTo(Status.UP);
                    assertThat(context).hasSingleBean(ContextDb.class);
                    System.out.println("ObservabilityTests: billing's health UP again "
                            + (System.nanoTime() - restored) / 1_000_000 + " ms after the restore, same application");
                });
            }
        }
    }

    @Test
    void theEndpointReportsEachContextsPlacementPoolAndMigrations() {
        runner.run(context -> {
            ContextDbEndpoint endpoint = context.getBean(ContextDbEndpoint.class);
            assertThat(endpoint.contexts().contexts()).extracting(ContextDescriptor::context)
                    .containsExactlyInAnyOrder("sales", "billing");
            ContextDescriptor sales = endpoint.context("sales");
            assertThat(sales.strategy()).isEqualTo(IsolationStrategy.SCHEMA);
            assertThat(sales.schema()).isEqualTo("sales");
            assertThat(sales.vendor()).isEqualTo("H2");
            assertThat(sales.pool().name()).isEqualTo("contextdb-sales");
            assertThat(sales.pool().maximumSize()).isEqualTo(2);
            assertThat(sales.migrations().applied()).isEqualTo(1);
            assertThat(sales.migrations().version()).isEqualTo("1");
            assertThat(sales.migrations().locations()).containsExactly("classpath:db/migration/sales");
            assertThat(sales.events()).as("events between contexts are off").isNull();
            assertThat(endpoint.context("shipping")).isNull();
            assertThat(endpoint.resubmit("sales", null, null)).isNull();
        });
    }

    @Test
    void eachContextsPoolIsMeasuredUnderItsName() {
        runner.run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            for (String pool : new String[] {"contextdb-sales", "contextdb-billing"}) {
                assertThat(registry.find("hikaricp.connections.max").tag("pool", pool).gauge()).as(pool).isNotNull();
            }
        });
    }

    @Test
    void withoutActuatorThereIsNoEndpointOrHealth() {
        new ApplicationContextRunner().withConfiguration(Shop.AUTO_CONFIGURATIONS)
                .withConfiguration(AutoConfigurations.of(ContextDbHealthContributorAutoConfiguration.class,
                        ContextDbEndpointAutoConfiguration.class))
                .withUserConfiguration(ContextsOnly.class)
                .withPropertyValues("context-db.datasource.url=" + h2.url(), "context-db.datasource.username=sa",
                        "context-db.pool.maximum-pool-size=2")
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate",
                        "org.springframework.boot.health")).run(context -> {
                    assertThat(context).hasNotFailed().hasBean("salesDataSource");
                    assertThat(context).doesNotHaveBean(ContextDbEndpoint.class)
                            .doesNotHaveBean("contextDbHealthContributor");
                });
    }
}
