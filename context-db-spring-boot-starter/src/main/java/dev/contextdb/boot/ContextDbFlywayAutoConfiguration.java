package dev.contextdb.boot;

import dev.contextdb.ContextBean;
import dev.contextdb.ContextDb;
import dev.contextdb.ContextModel;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/**
 * A {@code <context>Flyway} bean per context when Flyway is on the class path: the instance that
 * migrated the context at startup (locations, schema, history table; connections of its own), for
 * {@code info()}, {@code validate()} or {@code repair()} and for Boot's {@code flyway} endpoint.
 *
 * <pre>{@code
 * @Autowired @Qualifier("ordersFlyway") Flyway orders;
 * orders.info().current().getVersion();
 * }</pre>
 *
 * Their presence makes Boot's single-DataSource Flyway auto-configuration back off, so nothing
 * migrates against the routing DataSource. The contexts themselves are migrated while the
 * {@code contextDb} bean starts ({@code context-db.flyway.enabled}), in reads order; Boot's
 * {@code spring.flyway.*} settings, customizers and migration strategy do not apply to them.
 */
@AutoConfiguration(after = ContextDbAutoConfiguration.class,
        beforeName = "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration")
@ConditionalOnClass(Flyway.class)
@ConditionalOnBean(ContextModel.class)
@Import(ContextDbFlywayAutoConfiguration.Registrar.class)
public final class ContextDbFlywayAutoConfiguration {

    ContextDbFlywayAutoConfiguration() {
    }

    static final class Registrar implements ImportBeanDefinitionRegistrar {

        private final BeanFactory beanFactory;

        Registrar(BeanFactory beanFactory) {
            this.beanFactory = beanFactory;
        }

        @Override
        public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
            for (String context : beanFactory.getBean(ContextModel.class).names()) {
                ContextBeanRegistrar.register(registry, context, ContextBean.FLYWAY, Flyway.class,
                        () -> flyway(beanFactory.getBean(ContextDb.class), context));
            }
        }

        /**
         * The instance that migrated the context, as it ran; with migrations off, one configured
         * the same way that has run nothing, for repairing a history (a start that migrates
         * fails until a script that failed part-way is repaired). The beans cannot be lazy, as
         * Boot makes every JDBC bean depend on every Flyway bean.
         */
        private static Flyway flyway(ContextDb db, String context) {
            return db.flyway(context).orElseThrow();
        }
    }
}
