package dev.contextdb.benchmarks.boot.jpastartup.byhand;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.core.env.Environment;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;

/** What the hand-written contexts share: written once, called from each context's configuration. */
final class ByHandJpa {

    private ByHandJpa() {
    }

    /** A pool as small as the starter's in the benchmark: 2 connections, 1 idle. */
    static HikariDataSource pool(Environment environment, String context) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(environment.getRequiredProperty("byhand.url"));
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(1);
        config.setPoolName("byhand-" + context);
        return new HikariDataSource(config);
    }

    /** The context's migrations, its schema and history table its own. */
    static Flyway migrate(DataSource dataSource, String context) {
        Flyway flyway = Flyway.configure(ByHandJpa.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + context)
                .schemas(context).defaultSchema(context).createSchemas(true).load();
        flyway.migrate();
        return flyway;
    }

    /** Hibernate over the context's pool, its package's entities only, Flyway owning the schema. */
    static LocalContainerEntityManagerFactoryBean entityManagerFactory(DataSource dataSource, String context,
            String basePackage) {
        LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
        factory.setPersistenceUnitName(context);
        factory.setDataSource(dataSource);
        factory.setPackagesToScan(basePackage);
        factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
        // Flyway created the schema quoted, so H2 keeps it in lower case: name it so.
        factory.setJpaPropertyMap(Map.of("hibernate.hbm2ddl.auto", "none",
                "hibernate.default_schema", "\"" + context + "\""));
        return factory;
    }
}
