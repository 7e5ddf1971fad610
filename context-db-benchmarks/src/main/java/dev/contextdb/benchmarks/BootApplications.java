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

    private BootApplications() {
    }

    /**
     * @param source the application class
     * @param properties its properties (default properties: lowest precedence)
     * @return the started application
     */
    static ConfigurableApplicationContext run(Class<?> source, Map<String, Object> properties) {
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
        withoutJpa.put("spring.autoconfigure.exclude", JPA_AUTO_CONFIGURATIONS);
        return run(source, withoutJpa);
    }
}
