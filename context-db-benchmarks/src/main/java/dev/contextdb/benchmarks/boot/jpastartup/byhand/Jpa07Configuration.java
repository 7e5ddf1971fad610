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

/** Context jpa07 written by hand: what a team writes per DataSource without context-db. */
@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(basePackages = "dev.contextdb.benchmarks.boot.jpastartup.contexts.c07",
        entityManagerFactoryRef = "jpa07EntityManagerFactory", transactionManagerRef = "jpa07TransactionManager")
class Jpa07Configuration {

    @Bean
    HikariDataSource jpa07DataSource(Environment environment) {
        return ByHandJpa.pool(environment, "jpa07");
    }

    @Bean
    Flyway jpa07Flyway(@Qualifier("jpa07DataSource") DataSource dataSource) {
        return ByHandJpa.migrate(dataSource, "jpa07");
    }

    @Bean
    LocalContainerEntityManagerFactoryBean jpa07EntityManagerFactory(@Qualifier("jpa07DataSource") DataSource dataSource,
            @Qualifier("jpa07Flyway") Flyway migrated) {
        return ByHandJpa.entityManagerFactory(dataSource, "jpa07", "dev.contextdb.benchmarks.boot.jpastartup.contexts.c07");
    }

    @Bean
    JpaTransactionManager jpa07TransactionManager(
            @Qualifier("jpa07EntityManagerFactory") EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    @Bean
    JdbcTemplate jpa07JdbcTemplate(@Qualifier("jpa07DataSource") DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    JdbcClient jpa07JdbcClient(@Qualifier("jpa07DataSource") DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }
}
