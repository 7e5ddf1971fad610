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

/** Context jpa09 written by hand: what a team writes per DataSource without context-db. */
@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(basePackages = "dev.contextdb.benchmarks.boot.jpastartup.contexts.c09",
        entityManagerFactoryRef = "jpa09EntityManagerFactory", transactionManagerRef = "jpa09TransactionManager")
class Jpa09Configuration {

    @Bean
    HikariDataSource jpa09DataSource(Environment environment) {
        return ByHandJpa.pool(environment, "jpa09");
    }

    @Bean
    Flyway jpa09Flyway(@Qualifier("jpa09DataSource") DataSource dataSource) {
        return ByHandJpa.migrate(dataSource, "jpa09");
    }

    @Bean
    LocalContainerEntityManagerFactoryBean jpa09EntityManagerFactory(@Qualifier("jpa09DataSource") DataSource dataSource,
            @Qualifier("jpa09Flyway") Flyway migrated) {
        return ByHandJpa.entityManagerFactory(dataSource, "jpa09", "dev.contextdb.benchmarks.boot.jpastartup.contexts.c09");
    }

    @Bean
    JpaTransactionManager jpa09TransactionManager(
            @Qualifier("jpa09EntityManagerFactory") EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    @Bean
    JdbcTemplate jpa09JdbcTemplate(@Qualifier("jpa09DataSource") DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    JdbcClient jpa09JdbcClient(@Qualifier("jpa09DataSource") DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }
}
