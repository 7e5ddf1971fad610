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
     * publication registry and what comes with it): on the benchmarks' class path for the baseline
     * of {@link EventDeliveryBenchmark}, left out of every other application (context-db refuses to
     * start beside Modulith's registry).
     */
    static final String MODULITH_AUTO_CONFIGURATIONS = String.join(",",
            "org.springframework.modulith.core.config.ApplicationModuleInitializerRuntimeVerification",
            "org.springframework.modulith.events.config.EventPublicationAutoConfiguration",
            "org.springframework.modulith.events.config.EventExternalizationAutoConfiguration",
            "org.springframework.modulith.events.jackson.JacksonEventSerializationConfiguration",
            "org.springframework.modulith.events.jackson2.Jackson2EventSerializationConfiguration",
            "org.springframework.modulith.events.jdbc.JdbcEventPublicationAutoConfiguration",
            "org.springframework.modulith.moments.autoconfigure.MomentsAutoConfiguration",
            "org.springframework.modulith.moments.autoconfigure.MomentsJacksonAutoConfiguration");

    /** Boot's RabbitMQ auto-configurations: on the class path for {@link RabbitExternalizationBenchmark} only. */
    static final String RABBIT_AUTO_CONFIGURATIONS = String.join(",",
            "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
            "org.springframework.boot.amqp.autoconfigure.health.RabbitHealthContributorAutoConfiguration",
            "org.springframework.boot.amqp.autoconfigure.metrics.RabbitMetricsAutoConfiguration");

    private BootApplications() {
    }

    /**
     * @param source the application class
     * @param properties its properties (default properties: lowest precedence)
     * @return the started application, without context-db's events, Spring Modulith's and Boot's
     *     RabbitMQ auto-configurations: the application its figures were measured with before
     *     they came onto the class path
     */
    static ConfigurableApplicationContext run(Class<?> source, Map<String, Object> properties) {
        Map<String, Object> withoutEvents = new LinkedHashMap<>(properties);
        withoutEvents.put("context-db.events.enabled", false);
        exclude(withoutEvents, MODULITH_AUTO_CONFIGURATIONS);
        exclude(withoutEvents, RABBIT_AUTO_CONFIGURATIONS);
        return start(source, withoutEvents);
    }

    /**
     * @param source a JDBC application of the event benchmarks, with context-db
     * @param properties its properties
     * @param rabbit whether Boot's RabbitMQ auto-configurations (and so context-db's externalization) are on
     * @return the started application with context-db's events, without JPA's and Spring Modulith's
     *     auto-configurations
     */
    static ConfigurableApplicationContext runWithEvents(Class<?> source, Map<String, Object> properties,
            boolean rabbit) {
        Map<String, Object> events = new LinkedHashMap<>(properties);
        exclude(events, JPA_AUTO_CONFIGURATIONS);
        exclude(events, MODULITH_AUTO_CONFIGURATIONS);
        if (!rabbit) {
            exclude(events, RABBIT_AUTO_CONFIGURATIONS);
        }
        return start(source, events);
    }

    /**
     * @param source the Spring Modulith application of {@link EventDeliveryBenchmark}
     * @param properties its properties
     * @return the started application with Spring Modulith's event publication registry, context-db
     *     switched off, without JPA's and Boot's RabbitMQ auto-configurations
     */
    static ConfigurableApplicationContext runModulith(Class<?> source, Map<String, Object> properties) {
        Map<String, Object> modulith = new LinkedHashMap<>(properties);
        modulith.put("context-db.enabled", false);
        exclude(modulith, JPA_AUTO_CONFIGURATIONS);
        exclude(modulith, RABBIT_AUTO_CONFIGURATIONS);
        return start(source, modulith);
    }

    private static void exclude(Map<String, Object> properties, String autoConfigurations) {
        properties.merge("spring.autoconfigure.exclude", autoConfigurations, BootApplications::join);
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
        exclude(withoutJpa, JPA_AUTO_CONFIGURATIONS);
        return run(source, withoutJpa);
    }
}
