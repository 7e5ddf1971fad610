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

/** Context jpa08 written by hand: what a team writes per DataSource without context-db. */
@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(basePackages = "dev.contextdb.benchmarks.boot.jpastartup.contexts.c08",
        entityManagerFactoryRef = "jpa08EntityManagerFactory", transactionManagerRef = "jpa08TransactionManager")
class Jpa08Configuration {

    @Bean
    HikariDataSource jpa08DataSource(Environment environment) {
        return ByHandJpa.pool(environment, "jpa08");
    }

    @Bean
    Flyway jpa08Flyway(@Qualifier("jpa08DataSource") DataSource dataSource) {
        return ByHandJpa.migrate(dataSource, "jpa08");
    }

    @Bean
    LocalContainerEntityManagerFactoryBean jpa08EntityManagerFactory(@Qualifier("jpa08DataSource") DataSource dataSource,
            @Qualifier("jpa08Flyway") Flyway migrated) {
        return ByHandJpa.entityManagerFactory(dataSource, "jpa08", "dev.contextdb.benchmarks.boot.jpastartup.contexts.c08");
    }

    @Bean
    JpaTransactionManager jpa08TransactionManager(
            @Qualifier("jpa08EntityManagerFactory") EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    @Bean
    JdbcTemplate jpa08JdbcTemplate(@Qualifier("jpa08DataSource") DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    JdbcClient jpa08JdbcClient(@Qualifier("jpa08DataSource") DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }
}
