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

/** Context jpa05 written by hand: what a team writes per DataSource without context-db. */
@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(basePackages = "dev.contextdb.benchmarks.boot.jpastartup.contexts.c05",
        entityManagerFactoryRef = "jpa05EntityManagerFactory", transactionManagerRef = "jpa05TransactionManager")
class Jpa05Configuration {

    @Bean
    HikariDataSource jpa05DataSource(Environment environment) {
        return ByHandJpa.pool(environment, "jpa05");
    }

    @Bean
    Flyway jpa05Flyway(@Qualifier("jpa05DataSource") DataSource dataSource) {
        return ByHandJpa.migrate(dataSource, "jpa05");
    }

    @Bean
    LocalContainerEntityManagerFactoryBean jpa05EntityManagerFactory(@Qualifier("jpa05DataSource") DataSource dataSource,
            @Qualifier("jpa05Flyway") Flyway migrated) {
        return ByHandJpa.entityManagerFactory(dataSource, "jpa05", "dev.contextdb.benchmarks.boot.jpastartup.contexts.c05");
    }

    @Bean
    JpaTransactionManager jpa05TransactionManager(
            @Qualifier("jpa05EntityManagerFactory") EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    @Bean
    JdbcTemplate jpa05JdbcTemplate(@Qualifier("jpa05DataSource") DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    JdbcClient jpa05JdbcClient(@Qualifier("jpa05DataSource") DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }
}
