package dev.contextdb.boot;

import dev.contextdb.ContextBean;
import dev.contextdb.ContextDb;
import dev.contextdb.DatabaseVendor;
import dev.contextdb.Placement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.boot.model.naming.ImplicitNamingStrategy;
import org.hibernate.boot.model.naming.PhysicalNamingStrategy;
import org.hibernate.cfg.ManagedBeanSettings;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.hibernate.autoconfigure.HibernateProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.hibernate.autoconfigure.HibernateSettings;
import org.springframework.boot.jpa.autoconfigure.JpaProperties;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.hibernate.SpringBeanContainer;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;

/**
 * Builds one context's persistence unit: Hibernate over {@code <context>DataSource}, the context's
 * managed types only, the dialect of the context's database, {@code spring.jpa.*} as Boot applies
 * it to its own unit, then {@code context-db.contexts.<name>.jpa.properties.*}.
 */
final class ContextPersistenceUnit {

    /** Flyway owns the schema: Hibernate creates nothing unless told to. */
    static final String DEFAULT_DDL_AUTO = "none";

    private static final String DEFAULT_SCHEMA = "hibernate.default_schema";
    private static final String JTA_PLATFORM = "hibernate.transaction.jta.platform";
    private static final String NO_JTA_PLATFORM = "org.hibernate.engine.transaction.jta.platform.internal.NoJtaPlatform";

    private ContextPersistenceUnit() {
    }

    static LocalContainerEntityManagerFactoryBean create(String context, ContextEntities entities,
            ListableBeanFactory beanFactory, ClassLoader classLoader) {
        ContextDb contextDb = beanFactory.getBean(ContextDb.class);
        entities.checkRelationships(context, contextDb.model(), classLoader);
        JpaProperties jpa = beanFactory.getBean(JpaProperties.class);
        LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
        factory.setPersistenceUnitName(context);
        factory.setDataSource(beanFactory.getBean(ContextBean.DATA_SOURCE.beanName(context), DataSource.class));
        factory.setManagedTypes(entities.managedTypes(context));
        if (!jpa.getMappingResources().isEmpty()) {
            factory.setMappingResources(jpa.getMappingResources().toArray(String[]::new));
        }
        HibernateJpaVendorAdapter adapter = new HibernateJpaVendorAdapter();
        adapter.setShowSql(jpa.isShowSql());
        adapter.setGenerateDdl(jpa.isGenerateDdl());
        factory.setJpaVendorAdapter(adapter);
        factory.setJpaPropertyMap(properties(context, contextDb.placement(context), jpa, beanFactory));
        return factory;
    }

    /**
     * {@code spring.jpa.properties.*} and {@code spring.jpa.hibernate.*} as Boot maps them (naming
     * strategies, customizers), {@code ddl-auto} {@value #DEFAULT_DDL_AUTO} unless set, the
     * context's dialect, then the context's own properties over all of them.
     */
    static Map<String, Object> properties(String context, Placement placement, JpaProperties jpa,
            ListableBeanFactory beanFactory) {
        List<HibernatePropertiesCustomizer> customizers = new ArrayList<>();
        customizers.add(properties -> properties.put(ManagedBeanSettings.BEAN_CONTAINER,
                new SpringBeanContainer((org.springframework.beans.factory.config.ConfigurableListableBeanFactory) beanFactory)));
        PhysicalNamingStrategy physical = beanFactory.getBeanProvider(PhysicalNamingStrategy.class).getIfUnique();
        ImplicitNamingStrategy implicit = beanFactory.getBeanProvider(ImplicitNamingStrategy.class).getIfUnique();
        if (physical != null) {
            customizers.add(properties -> properties.put("hibernate.physical_naming_strategy", physical));
        }
        if (implicit != null) {
            customizers.add(properties -> properties.put("hibernate.implicit_naming_strategy", implicit));
        }
        beanFactory.getBeanProvider(HibernatePropertiesCustomizer.class).orderedStream().forEach(customizers::add);
        Map<String, Object> properties = new LinkedHashMap<>(jpa.getProperties());
        properties.putAll(beanFactory.getBean(HibernateProperties.class).determineHibernateProperties(jpa.getProperties(),
                new HibernateSettings().ddlAuto(() -> DEFAULT_DDL_AUTO).hibernatePropertiesCustomizers(customizers)));
        // No dialect set here: Hibernate detects each unit's from the context's own DataSource (and warns
        // when one is set that it can detect), so DATABASE contexts on different vendors each get theirs.
        properties.putIfAbsent(JTA_PLATFORM, NO_JTA_PLATFORM);
        if (placement.vendor() == DatabaseVendor.H2 && placement.schema() != null) {
            // H2 keeps the context's schema in lower case (created quoted); Hibernate would look up its
            // tables and sequences under the upper-cased name of the connection's schema and, with
            // ddl-auto=validate, miss them. Named quoted, it finds them (and qualifies its SQL with it).
            properties.putIfAbsent(DEFAULT_SCHEMA, "\"" + placement.schema() + "\"");
        }
        ContextDbProperties.Context own = beanFactory.getBean(ContextDbProperties.class).getContexts().get(context);
        if (own != null) {
            properties.putAll(own.getJpa().getProperties());
        }
        return properties;
    }

}
