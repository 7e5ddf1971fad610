package dev.contextdb.benchmarks.boot.startup.byhand;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The baseline of {@link dev.contextdb.benchmarks.BootStartupBenchmark}: a Spring Boot application
 * without context-db that gives each of N contexts what the starter gives it, written by hand
 * the least way: a HikariCP pool, a transaction manager, a {@code JdbcTemplate}, a
 * {@code JdbcClient} and a Flyway that migrates the context's schema on that pool at start-up.
 * Boot's own DataSource and Flyway back off ({@code spring.flyway.enabled=false}; more than one
 * DataSource). The contexts are {@code startup01} to {@code startupNN}, N from {@code byhand.contexts},
 * with the same migrations as the starter's application.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(ByHandStartupApplication.Contexts.class)
public class ByHandStartupApplication {

    static final class Contexts implements ImportBeanDefinitionRegistrar {

        private final Environment environment;
        private final BeanFactory beanFactory;

        Contexts(Environment environment, BeanFactory beanFactory) {
            this.environment = environment;
            this.beanFactory = beanFactory;
        }

        @Override
        public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
            int contexts = environment.getRequiredProperty("byhand.contexts", Integer.class);
            for (int i = 1; i <= contexts; i++) {
                String name = String.format("startup%02d", i);
                String dataSource = name + "DataSource";
                register(registry, dataSource, DataSource.class, () -> pool(name));
                register(registry, name + "Flyway", Flyway.class, () -> {
                    Flyway flyway = Flyway.configure(getClass().getClassLoader())
                            .dataSource(beanFactory.getBean(dataSource, DataSource.class))
                            .locations("classpath:db/migration/" + name)
                            .schemas(name).defaultSchema(name).createSchemas(true).load();
                    flyway.migrate();
                    return flyway;
                });
                register(registry, name + "TransactionManager", DataSourceTransactionManager.class,
                        () -> new DataSourceTransactionManager(beanFactory.getBean(dataSource, DataSource.class)));
                register(registry, name + "JdbcTemplate", JdbcTemplate.class,
                        () -> new JdbcTemplate(beanFactory.getBean(dataSource, DataSource.class)));
                register(registry, name + "JdbcClient", JdbcClient.class,
                        () -> JdbcClient.create(beanFactory.getBean(dataSource, DataSource.class)));
            }
        }

        private HikariDataSource pool(String name) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(environment.getRequiredProperty("byhand.url"));
            config.setUsername("sa");
            config.setPassword("");
            config.setMaximumPoolSize(2);
            config.setMinimumIdle(1);
            config.setPoolName("byhand-" + name);
            return new HikariDataSource(config);
        }

        private static <T> void register(BeanDefinitionRegistry registry, String name, Class<T> type,
                java.util.function.Supplier<T> supplier) {
            registry.registerBeanDefinition(name, BeanDefinitionBuilder.genericBeanDefinition(type, supplier)
                    .getBeanDefinition());
        }
    }
}
