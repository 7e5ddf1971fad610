package dev.contextdb.boot;

import dev.contextdb.ContextBean;
import dev.contextdb.ContextDb;
import dev.contextdb.ContextDbConfigurationException;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import dev.contextdb.DatabaseVendor;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.io.ResourceLoader;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.data.jdbc.core.convert.DataAccessStrategy;
import org.springframework.data.jdbc.core.convert.IdGeneratingEntityCallback;
import org.springframework.data.jdbc.core.convert.Identifier;
import org.springframework.data.jdbc.core.convert.JdbcConverter;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;
import org.springframework.data.jdbc.core.convert.QueryMappingConfiguration;
import org.springframework.data.jdbc.core.convert.RelationResolver;
import org.springframework.data.jdbc.core.dialect.DialectResolver;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.jdbc.core.dialect.JdbcH2Dialect;
import org.springframework.data.jdbc.core.dialect.JdbcPostgresDialect;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.data.jdbc.repository.config.JdbcConfiguration;
import org.springframework.data.mapping.PersistentPropertyPath;
import org.springframework.data.mapping.callback.EntityCallbacks;
import org.springframework.data.mapping.context.MappingContextEvent;
import org.springframework.data.relational.RelationalManagedTypes;
import org.springframework.data.relational.core.dialect.MySqlDialect;
import org.springframework.data.relational.core.mapping.NamingStrategy;
import org.springframework.data.relational.core.mapping.RelationalPersistentEntity;
import org.springframework.data.relational.core.mapping.RelationalPersistentProperty;
import org.springframework.data.relational.core.mapping.Table;
import org.springframework.data.util.TypeScanner;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

/**
 * Spring Data JDBC for one context: a mapping context that holds the context's own aggregates, the
 * dialect of the context's database, and a converter, data access strategy and
 * {@link JdbcAggregateTemplate} that all work on {@code <context>NamedParameterJdbcTemplate}.
 *
 * <p>Spring Data's own configuration ({@code AbstractJdbcConfiguration}) is built for one
 * database: its converter resolves the children of an aggregate ({@code @MappedCollection})
 * through whichever {@code RelationResolver} the application has, the primary one
 * (spring-data-relational#2224). Here every piece is built for the context and wired to the
 * others directly, so nothing of a context reaches another context's database or the routing one.
 */
final class ContextAggregateTemplates {

    private ContextAggregateTemplates() {
    }

    static JdbcAggregateTemplate create(String context, ContextDb contextDb, ContextModel model,
            ListableBeanFactory beanFactory, ResourceLoader resourceLoader) {
        NamedParameterJdbcOperations operations = beanFactory.getBean(
                ContextBean.NAMED_PARAMETER_JDBC_TEMPLATE.beanName(context), NamedParameterJdbcOperations.class);
        JdbcDialect dialect = dialect(context, contextDb.placement(context).vendor(), operations);
        JdbcCustomConversions conversions = JdbcConfiguration.createCustomConversions(dialect, List.of());

        JdbcMappingContext mappingContext = JdbcConfiguration.createMappingContext(
                RelationalManagedTypes.fromIterable(aggregates(context, model, resourceLoader)), conversions,
                beanFactory.getBeanProvider(NamingStrategy.class).getIfUnique());
        mappingContext.setApplicationEventPublisher(event -> {
            if (event instanceof MappingContextEvent<?, ?> added) {
                checkOwner(context, model, mappingContext, added.getPersistentEntity().getType());
            }
        });
        mappingContext.afterPropertiesSet();

        // The converter needs a RelationResolver to read children, and the data access strategy
        // that resolves them needs the converter: the context's own strategy is handed to the
        // converter once both exist.
        ContextRelationResolver relations = new ContextRelationResolver(context);
        JdbcConverter converter = JdbcConfiguration.createConverter(mappingContext, operations, relations, conversions,
                dialect);
        DataAccessStrategy dataAccessStrategy = JdbcConfiguration.createDataAccessStrategy(operations, converter,
                beanFactory.getBeanProvider(QueryMappingConfiguration.class).getIfAvailable(() -> QueryMappingConfiguration.EMPTY),
                dialect);
        relations.resolveWith(dataAccessStrategy);

        JdbcAggregateTemplate template = new JdbcAggregateTemplate(converter, dataAccessStrategy);
        // The application's callbacks, plus the one that draws @Sequence ids from this context's
        // database (Spring Data registers it as a bean, which every context's template would call).
        EntityCallbacks callbacks = EntityCallbacks.create(beanFactory);
        callbacks.addEntityCallback(new IdGeneratingEntityCallback(mappingContext, dialect, operations));
        template.setEntityCallbacks(callbacks);
        return template;
    }

    /**
     * The dialect of the context's database. PostgreSQL and H2 are known from the vendor alone;
     * for MariaDB and MySQL Spring Data reads the identifier casing from the server's metadata
     * (it follows {@code lower_case_table_names}), so their dialect is resolved on the context's
     * own connections, once, at start-up.
     */
    static JdbcDialect dialect(String context, DatabaseVendor vendor, NamedParameterJdbcOperations operations) {
        return switch (vendor) {
            case POSTGRESQL -> JdbcPostgresDialect.INSTANCE;
            case H2 -> JdbcH2Dialect.INSTANCE;
            case MARIADB -> {
                JdbcDialect dialect = DialectResolver.getDialect(operations.getJdbcOperations());
                if (!(dialect instanceof MySqlDialect)) {
                    String property = "context-db.contexts." + context + ".datasource.url";
                    throw new ContextDbConfigurationException(context, property, "Context '" + context
                            + "' is placed on " + vendor.displayName() + ", but Spring Data JDBC resolved its database to "
                            + dialect.getClass().getSimpleName() + ".", "point " + property
                            + " (or context-db.datasource.url) at a MariaDB or MySQL server.");
                }
                yield dialect;
            }
        };
    }

    /**
     * The types annotated with Spring Data's {@code @Table} in the context's packages, not those of
     * a context nested in them: the mapping context knows them, and checks their mapping, from the
     * start. Other aggregates of the context join it on first use, as in Spring Data.
     */
    static Set<Class<?>> aggregates(String context, ContextModel model, ResourceLoader resourceLoader) {
        ContextDefinition definition = model.context(context).orElseThrow();
        return TypeScanner.typeScanner(resourceLoader).forTypesAnnotatedWith(Table.class)
                .scanPackages(definition.basePackage()).collectAsSet().stream()
                .filter(type -> model.contextOf(type).map(ContextDefinition::name).filter(context::equals).isPresent())
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * A class of another context never becomes part of this context's aggregates: Spring Data
     * JDBC would store it in this context's tables, a second copy of the other context's data
     * that neither context's migrations nor transactions keep consistent. Checked as each type
     * joins the mapping context: at start-up for the {@code @Table} types and the repositories'
     * aggregates, otherwise on first use.
     */
    static void checkOwner(String context, ContextModel model, JdbcMappingContext mappingContext, Class<?> type) {
        String owner = model.contextOf(type).map(ContextDefinition::name).orElse(null);
        if (owner == null || owner.equals(context)) {
            return;
        }
        String holder = null;
        for (RelationalPersistentEntity<?> entity : mappingContext.getPersistentEntities()) {
            for (RelationalPersistentProperty property : entity) {
                if (property.isEntity() && property.getActualType() == type) {
                    holder = entity.getType().getName() + "." + property.getName();
                }
            }
        }
        throw new ContextDbConfigurationException(context, holder != null ? holder : type.getName(),
                "Spring Data JDBC of context '" + context + "' was asked to map " + type.getName() + " of context '"
                        + owner + "'" + (holder != null ? " (as " + holder + ")" : "") + ": it would be stored in "
                        + context + "'s tables, apart from " + owner + "'s own.",
                "refer to the other context's aggregate by its id (a Long, or AggregateReference<"
                        + type.getSimpleName() + ", ID>), or move the class into context '" + context + "'.");
    }

    /** Reads an aggregate's children through the context's own data access strategy. */
    private static final class ContextRelationResolver implements RelationResolver {

        private final String context;
        private volatile @Nullable RelationResolver strategy;

        ContextRelationResolver(String context) {
            this.context = context;
        }

        void resolveWith(RelationResolver strategy) {
            this.strategy = strategy;
        }

        @Override
        public Iterable<Object> findAllByPath(Identifier identifier,
                PersistentPropertyPath<? extends RelationalPersistentProperty> path) {
            RelationResolver resolver = strategy;
            if (resolver == null) {
                throw new IllegalStateException("Spring Data JDBC of context '" + context + "' is not set up yet");
            }
            return resolver.findAllByPath(identifier, path);
        }
    }
}
