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

/** Context jpa01 written by hand: what a team writes per DataSource without context-db. */
@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(basePackages = "dev.contextdb.benchmarks.boot.jpastartup.contexts.c01",
        entityManagerFactoryRef = "jpa01EntityManagerFactory", transactionManagerRef = "jpa01TransactionManager")
class Jpa01Configuration {

    @Bean
    HikariDataSource jpa01DataSource(Environment environment) {
        return ByHandJpa.pool(environment, "jpa01");
    }

    @Bean
    Flyway jpa01Flyway(@Qualifier("jpa01DataSource") DataSource dataSource) {
        return ByHandJpa.migrate(dataSource, "jpa01");
    }

    @Bean
    LocalContainerEntityManagerFactoryBean jpa01EntityManagerFactory(@Qualifier("jpa01DataSource") DataSource dataSource,
            @Qualifier("jpa01Flyway") Flyway migrated) {
        return ByHandJpa.entityManagerFactory(dataSource, "jpa01", "dev.contextdb.benchmarks.boot.jpastartup.contexts.c01");
    }

    @Bean
    JpaTransactionManager jpa01TransactionManager(
            @Qualifier("jpa01EntityManagerFactory") EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    @Bean
    JdbcTemplate jpa01JdbcTemplate(@Qualifier("jpa01DataSource") DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    JdbcClient jpa01JdbcClient(@Qualifier("jpa01DataSource") DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }
}
