package dev.contextdb.benchmarks.boot.jpastartup.byhand;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/** Context jpa10 written by hand: what a team writes per DataSource without context-db. */
@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(basePackages = "dev.contextdb.benchmarks.boot.jpastartup.contexts.c10",
        entityManagerFactoryRef = "jpa10EntityManagerFactory", transactionManagerRef = "jpa10TransactionManager")
class Jpa10Configuration {

    @Bean
    HikariDataSource jpa10DataSource(Environment environment) {
        return ByHandJpa.pool(environment, "jpa10");
    }

    @Bean
    Flyway jpa10Flyway(@Qualifier("jpa10DataSource") DataSource dataSource) {
        return ByHandJpa.migrate(dataSource, "jpa10");
    }

    @Bean
    LocalContainerEntityManagerFactoryBean jpa10EntityManagerFactory(@Qualifier("jpa10DataSource") DataSource dataSource,
            @Qualifier("jpa10Flyway") Flyway migrated) {
        return ByHandJpa.entityManagerFactory(dataSource, "jpa10", "dev.contextdb.benchmarks.boot.jpastartup.contexts.c10");
    }

    @Bean
    JpaTransactionManager jpa10TransactionManager(
            @Qualifier("jpa10EntityManagerFactory") EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    @Bean
    JdbcTemplate jpa10JdbcTemplate(@Qualifier("jpa10DataSource") DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    JdbcClient jpa10JdbcClient(@Qualifier("jpa10DataSource") DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }
}
