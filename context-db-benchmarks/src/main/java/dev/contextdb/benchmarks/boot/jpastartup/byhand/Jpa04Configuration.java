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

/** Context jpa04 written by hand: what a team writes per DataSource without context-db. */
@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(basePackages = "dev.contextdb.benchmarks.boot.jpastartup.contexts.c04",
        entityManagerFactoryRef = "jpa04EntityManagerFactory", transactionManagerRef = "jpa04TransactionManager")
class Jpa04Configuration {

    @Bean
    HikariDataSource jpa04DataSource(Environment environment) {
        return ByHandJpa.pool(environment, "jpa04");
    }

    @Bean
    Flyway jpa04Flyway(@Qualifier("jpa04DataSource") DataSource dataSource) {
        return ByHandJpa.migrate(dataSource, "jpa04");
    }

    @Bean
    LocalContainerEntityManagerFactoryBean jpa04EntityManagerFactory(@Qualifier("jpa04DataSource") DataSource dataSource,
            @Qualifier("jpa04Flyway") Flyway migrated) {
        return ByHandJpa.entityManagerFactory(dataSource, "jpa04", "dev.contextdb.benchmarks.boot.jpastartup.contexts.c04");
    }

    @Bean
    JpaTransactionManager jpa04TransactionManager(
            @Qualifier("jpa04EntityManagerFactory") EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    @Bean
    JdbcTemplate jpa04JdbcTemplate(@Qualifier("jpa04DataSource") DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    JdbcClient jpa04JdbcClient(@Qualifier("jpa04DataSource") DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }
}
