package com.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.consumer.billing.Invoices;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/** What a consumer gets from the published jars alone. */
class PublishedArtifactsTest {

    @Test
    void theStarterWiresTheContextFromItsJar() throws Exception {
        SpringApplication application = new SpringApplication(ConsumerApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = application.run(
                "--context-db.datasource.url=jdbc:h2:mem:consumer_check;DB_CLOSE_DELAY=-1")) {
            assertThat(context.getBean("billingDataSource")).isInstanceOf(DataSource.class);
            assertThat(context.getBean(Invoices.class).issue(1200)).isEqualTo(1L);
        }
    }

    @Test
    void theStarterJarShipsItsAutoConfigurationAndPropertyMetadata() throws Exception {
        assertThat(resources("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports"))
                .anySatisfy(url -> assertThat(url.toString()).contains("context-db-spring-boot-starter"));
        assertThat(resources("META-INF/spring-configuration-metadata.json"))
                .anySatisfy(url -> assertThat(url.toString()).contains("context-db-spring-boot-starter"));
    }

    @Test
    void theAnnotationAndTheModelComeFromTheModelJar() {
        // A domain module that only writes @BoundedContext depends on context-db-model alone.
        for (Class<?> type : List.of(dev.contextdb.BoundedContext.class, dev.contextdb.ContextModel.class)) {
            assertThat(type.getProtectionDomain().getCodeSource().getLocation().toString())
                    .as(type.getName())
                    .contains("context-db-model");
        }
    }

    private static List<URL> resources(String name) throws Exception {
        return Collections.list(getClassLoader().getResources(name));
    }

    private static ClassLoader getClassLoader() {
        return PublishedArtifactsTest.class.getClassLoader();
    }
}
