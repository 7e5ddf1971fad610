package dev.contextdb.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/** How the Boot benchmarks start their applications: no web server, no banner, no shutdown hook. */
final class BootApplications {

    /**
     * JPA's auto-configurations (Boot's and context-db's). Hibernate and Spring Data JPA are on the
     * benchmarks' class path for the JPA benchmarks; the JDBC applications of the other Boot
     * benchmarks leave them out, so that they stay the applications their figures were measured with.
     */
    static final String JPA_AUTO_CONFIGURATIONS = String.join(",",
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
            "dev.contextdb.boot.ContextDbJpaAutoConfiguration");

    /**
     * Spring Modulith's auto-configurations ({@code spring-modulith-starter-jdbc}: its event
     * publication registry and what comes with it) and Boot's RabbitMQ ones. Both are on the
     * benchmarks' class path for the event benchmarks; every other application leaves them out, as
     * it leaves context-db's events off, so that it stays the application its figures were measured
     * with (and context-db would refuse to start beside Modulith's registry).
     */
    static final String EVENT_AUTO_CONFIGURATIONS = String.join(",",
            "org.springframework.modulith.core.config.ApplicationModuleInitializerRuntimeVerification",
            "org.springframework.modulith.events.config.EventPublicationAutoConfiguration",
            "org.springframework.modulith.events.config.EventExternalizationAutoConfiguration",
            "org.springframework.modulith.events.jackson.JacksonEventSerializationConfiguration",
            "org.springframework.modulith.events.jackson2.Jackson2EventSerializationConfiguration",
            "org.springframework.modulith.events.jdbc.JdbcEventPublicationAutoConfiguration",
            "org.springframework.modulith.moments.autoconfigure.MomentsAutoConfiguration",
            "org.springframework.modulith.moments.autoconfigure.MomentsJacksonAutoConfiguration",
            "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
            "org.springframework.boot.amqp.autoconfigure.health.RabbitHealthContributorAutoConfiguration",
            "org.springframework.boot.amqp.autoconfigure.metrics.RabbitMetricsAutoConfiguration");

    private BootApplications() {
    }

    /**
     * @param source the application class
     * @param properties its properties (default properties: lowest precedence)
     * @return the started application, without context-db's events, Spring Modulith's and Boot's
     *     RabbitMQ auto-configurations ({@link #EVENT_AUTO_CONFIGURATIONS})
     */
    static ConfigurableApplicationContext run(Class<?> source, Map<String, Object> properties) {
        Map<String, Object> withoutEvents = new LinkedHashMap<>(properties);
        withoutEvents.put("context-db.events.enabled", false);
        withoutEvents.merge("spring.autoconfigure.exclude", EVENT_AUTO_CONFIGURATIONS, BootApplications::join);
        return start(source, withoutEvents);
    }

    /**
     * @param source an application of the event benchmarks
     * @param properties its properties; {@code spring.autoconfigure.exclude} says what it leaves out
     * @return the started application, with every auto-configuration on the class path but JPA's
     */
    static ConfigurableApplicationContext runWithEvents(Class<?> source, Map<String, Object> properties) {
        Map<String, Object> withoutJpa = new LinkedHashMap<>(properties);
        withoutJpa.merge("spring.autoconfigure.exclude", JPA_AUTO_CONFIGURATIONS, BootApplications::join);
        return start(source, withoutJpa);
    }

    private static Object join(Object first, Object second) {
        return first + "," + second;
    }

    private static ConfigurableApplicationContext start(Class<?> source, Map<String, Object> properties) {
        SpringApplication application = new SpringApplication(source);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        application.setRegisterShutdownHook(false);
        application.setDefaultProperties(properties);
        return application.run();
    }

    /**
     * @param source a JDBC application class
     * @param properties its properties
     * @return the started application, without JPA's auto-configurations
     */
    static ConfigurableApplicationContext runWithoutJpa(Class<?> source, Map<String, Object> properties) {
        Map<String, Object> withoutJpa = new LinkedHashMap<>(properties);
        withoutJpa.merge("spring.autoconfigure.exclude", JPA_AUTO_CONFIGURATIONS, BootApplications::join);
        return run(source, withoutJpa);
    }
}
