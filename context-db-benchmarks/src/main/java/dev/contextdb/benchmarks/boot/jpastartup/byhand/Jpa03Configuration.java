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

/** Context jpa03 written by hand: what a team writes per DataSource without context-db. */
@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(basePackages = "dev.contextdb.benchmarks.boot.jpastartup.contexts.c03",
        entityManagerFactoryRef = "jpa03EntityManagerFactory", transactionManagerRef = "jpa03TransactionManager")
class Jpa03Configuration {

    @Bean
    HikariDataSource jpa03DataSource(Environment environment) {
        return ByHandJpa.pool(environment, "jpa03");
    }

    @Bean
    Flyway jpa03Flyway(@Qualifier("jpa03DataSource") DataSource dataSource) {
        return ByHandJpa.migrate(dataSource, "jpa03");
    }

    @Bean
    LocalContainerEntityManagerFactoryBean jpa03EntityManagerFactory(@Qualifier("jpa03DataSource") DataSource dataSource,
            @Qualifier("jpa03Flyway") Flyway migrated) {
        return ByHandJpa.entityManagerFactory(dataSource, "jpa03", "dev.contextdb.benchmarks.boot.jpastartup.contexts.c03");
    }

    @Bean
    JpaTransactionManager jpa03TransactionManager(
            @Qualifier("jpa03EntityManagerFactory") EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    @Bean
    JdbcTemplate jpa03JdbcTemplate(@Qualifier("jpa03DataSource") DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    JdbcClient jpa03JdbcClient(@Qualifier("jpa03DataSource") DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }
}
