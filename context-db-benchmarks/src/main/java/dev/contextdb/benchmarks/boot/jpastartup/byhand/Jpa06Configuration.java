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

/** Context jpa06 written by hand: what a team writes per DataSource without context-db. */
@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(basePackages = "dev.contextdb.benchmarks.boot.jpastartup.contexts.c06",
        entityManagerFactoryRef = "jpa06EntityManagerFactory", transactionManagerRef = "jpa06TransactionManager")
class Jpa06Configuration {

    @Bean
    HikariDataSource jpa06DataSource(Environment environment) {
        return ByHandJpa.pool(environment, "jpa06");
    }

    @Bean
    Flyway jpa06Flyway(@Qualifier("jpa06DataSource") DataSource dataSource) {
        return ByHandJpa.migrate(dataSource, "jpa06");
    }

    @Bean
    LocalContainerEntityManagerFactoryBean jpa06EntityManagerFactory(@Qualifier("jpa06DataSource") DataSource dataSource,
            @Qualifier("jpa06Flyway") Flyway migrated) {
        return ByHandJpa.entityManagerFactory(dataSource, "jpa06", "dev.contextdb.benchmarks.boot.jpastartup.contexts.c06");
    }

    @Bean
    JpaTransactionManager jpa06TransactionManager(
            @Qualifier("jpa06EntityManagerFactory") EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    @Bean
    JdbcTemplate jpa06JdbcTemplate(@Qualifier("jpa06DataSource") DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    JdbcClient jpa06JdbcClient(@Qualifier("jpa06DataSource") DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }
}
