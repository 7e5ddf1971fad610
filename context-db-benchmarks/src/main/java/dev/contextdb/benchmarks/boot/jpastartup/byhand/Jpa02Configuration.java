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

/** Context jpa02 written by hand: what a team writes per DataSource without context-db. */
@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(basePackages = "dev.contextdb.benchmarks.boot.jpastartup.contexts.c02",
        entityManagerFactoryRef = "jpa02EntityManagerFactory", transactionManagerRef = "jpa02TransactionManager")
class Jpa02Configuration {

    @Bean
    HikariDataSource jpa02DataSource(Environment environment) {
        return ByHandJpa.pool(environment, "jpa02");
    }

    @Bean
    Flyway jpa02Flyway(@Qualifier("jpa02DataSource") DataSource dataSource) {
        return ByHandJpa.migrate(dataSource, "jpa02");
    }

    @Bean
    LocalContainerEntityManagerFactoryBean jpa02EntityManagerFactory(@Qualifier("jpa02DataSource") DataSource dataSource,
            @Qualifier("jpa02Flyway") Flyway migrated) {
        return ByHandJpa.entityManagerFactory(dataSource, "jpa02", "dev.contextdb.benchmarks.boot.jpastartup.contexts.c02");
    }

    @Bean
    JpaTransactionManager jpa02TransactionManager(
            @Qualifier("jpa02EntityManagerFactory") EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    @Bean
    JdbcTemplate jpa02JdbcTemplate(@Qualifier("jpa02DataSource") DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    JdbcClient jpa02JdbcClient(@Qualifier("jpa02DataSource") DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }
}
