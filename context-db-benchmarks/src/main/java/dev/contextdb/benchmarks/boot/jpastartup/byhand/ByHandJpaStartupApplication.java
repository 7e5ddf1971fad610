package dev.contextdb.benchmarks.boot.jpastartup.byhand;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The baseline of {@link dev.contextdb.benchmarks.JpaStartupBenchmark}: the same ten contexts (the
 * same entities, repositories and migrations) in a Spring Boot application without context-db,
 * each written by hand the way Spring Boot's documentation shows for several DataSources: a
 * HikariCP pool, a migrated Flyway, a {@code LocalContainerEntityManagerFactoryBean} over the pool
 * holding the context's package, a {@code JpaTransactionManager},
 * {@code @EnableJpaRepositories(basePackages, entityManagerFactoryRef, transactionManagerRef)}, and
 * the {@code JdbcTemplate} and {@code JdbcClient} the starter also gives each context. Boot's own
 * DataSource, JPA and repository auto-configurations back off (ten DataSources; repositories
 * enabled by hand); its Flyway is switched off ({@code spring.flyway.enabled=false}).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({Jpa01Configuration.class, Jpa02Configuration.class, Jpa03Configuration.class, Jpa04Configuration.class, Jpa05Configuration.class, Jpa06Configuration.class, Jpa07Configuration.class, Jpa08Configuration.class, Jpa09Configuration.class, Jpa10Configuration.class})
public class ByHandJpaStartupApplication {
}
