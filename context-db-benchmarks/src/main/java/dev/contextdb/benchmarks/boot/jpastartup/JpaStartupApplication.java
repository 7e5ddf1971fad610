package dev.contextdb.benchmarks.boot.jpastartup;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The application {@link dev.contextdb.benchmarks.JpaStartupBenchmark} starts with the starter:
 * auto-configuration only, no persistence configuration. Its ten contexts are the packages under
 * {@code contexts} ({@code jpa01} to {@code jpa10}), each with an entity, a Spring Data JPA
 * repository and one migration in {@code db/migration/jpaNN}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class JpaStartupApplication {
}
