package dev.contextdb;

import java.util.List;
import java.util.Optional;

/**
 * The beans every bounded context gets, one constant per kind: the bean is named
 * {@code <context><suffix>}, and an unqualified injection point of one of its
 * {@linkplain #injectableTypes() types} in a class of the context receives the context's own bean.
 * The Spring Boot starter registers the beans from this list and the ArchUnit rules look for their
 * names in annotations of other contexts, so a kind added here is known to both.
 *
 * <pre>{@code
 * ContextBean.TRANSACTION_MANAGER.beanName("orders");       // "ordersTransactionManager"
 * ContextBean.TRANSACTION_MANAGER.description();            // "transaction manager"
 * ContextBean.forType("org.springframework.jdbc.core.simple.JdbcClient");   // Optional[JDBC_CLIENT]
 * ContextBean.contextOf("catalogJdbcClient", model);       // Optional["catalog"]
 * }</pre>
 *
 * Types are named, not referenced, so that jOOQ, Flyway and the rest stay optional.
 */
public enum ContextBean {

    /** {@code <context>DataSource}: the context's connections. */
    DATA_SOURCE("DataSource", "DataSource", "javax.sql.DataSource"),

    /** {@code <context>TransactionManager}: what {@code @Transactional} in the context uses. */
    TRANSACTION_MANAGER("TransactionManager", "transaction manager",
            "org.springframework.transaction.PlatformTransactionManager",
            "org.springframework.transaction.TransactionManager"),

    /** {@code <context>TransactionTemplate}: programmatic transactions of the context. */
    TRANSACTION_TEMPLATE("TransactionTemplate", "TransactionTemplate",
            "org.springframework.transaction.support.TransactionTemplate",
            "org.springframework.transaction.support.TransactionOperations"),

    /** {@code <context>JdbcTemplate}. */
    JDBC_TEMPLATE("JdbcTemplate", "JdbcTemplate",
            "org.springframework.jdbc.core.JdbcTemplate", "org.springframework.jdbc.core.JdbcOperations"),

    /** {@code <context>NamedParameterJdbcTemplate}. */
    NAMED_PARAMETER_JDBC_TEMPLATE("NamedParameterJdbcTemplate", "NamedParameterJdbcTemplate",
            "org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate",
            "org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations"),

    /** {@code <context>JdbcClient}. */
    JDBC_CLIENT("JdbcClient", "JdbcClient", "org.springframework.jdbc.core.simple.JdbcClient"),

    /** {@code <context>DSLContext}, when jOOQ is on the class path. */
    DSL_CONTEXT("DSLContext", "DSLContext", "org.jooq.DSLContext"),

    /**
     * {@code <context>EntityManagerFactory}, when the context has JPA entities: its persistence unit,
     * holding its entities only, on {@code <context>DataSource}.
     */
    ENTITY_MANAGER_FACTORY("EntityManagerFactory", "entity manager factory",
            "jakarta.persistence.EntityManagerFactory"),

    /**
     * {@code <context>EntityManager}, when the context has JPA entities: the shared, transactional
     * {@code EntityManager} of its persistence unit.
     */
    ENTITY_MANAGER("EntityManager", "EntityManager", "jakarta.persistence.EntityManager"),

    /**
     * {@code <context>JdbcAggregateTemplate}, when Spring Data JDBC is on the class path: the
     * context's aggregates, with its database's dialect.
     */
    JDBC_AGGREGATE_TEMPLATE("JdbcAggregateTemplate", "JdbcAggregateTemplate",
            "org.springframework.data.jdbc.core.JdbcAggregateTemplate",
            "org.springframework.data.jdbc.core.JdbcAggregateOperations"),

    /**
     * {@code <context>Flyway}, when Flyway is on the class path: the instance that migrated the
     * context. Injected by name only ({@code @Qualifier("ordersFlyway")}): it is not narrowed to the
     * injecting class's context.
     */
    FLYWAY("Flyway", "Flyway");

    private static final List<ContextBean> ALL = List.of(values());

    private final String suffix;
    private final String description;
    private final List<String> injectableTypes;

    ContextBean(String suffix, String description, String... injectableTypes) {
        this.suffix = suffix;
        this.description = description;
        this.injectableTypes = List.of(injectableTypes);
    }

    /** @return what the bean name ends with, for example {@code "TransactionManager"} */
    public String suffix() {
        return suffix;
    }

    /**
     * @param context a context name
     * @return the name of the context's bean of this kind, for example {@code "ordersTransactionManager"}
     */
    public String beanName(String context) {
        return context + suffix;
    }

    /** @return what the bean is called in messages, for example {@code "transaction manager"} */
    public String description() {
        return description;
    }

    /**
     * @return the fully qualified names of the types whose unqualified injection in a context's class
     *         receives the context's bean of this kind; empty for a bean injected by name only
     */
    public List<String> injectableTypes() {
        return injectableTypes;
    }

    /**
     * @param typeName a fully qualified class name, for example {@code "javax.sql.DataSource"}
     * @return the kind whose beans an injection point of that exact type receives per context, if any
     */
    public static Optional<ContextBean> forType(String typeName) {
        for (ContextBean bean : ALL) {
            if (bean.injectableTypes.contains(typeName)) {
                return Optional.of(bean);
            }
        }
        return Optional.empty();
    }

    /**
     * @param beanName any bean name
     * @param model the application's contexts
     * @return the context whose bean {@code beanName} is by this naming convention, if it is one
     */
    public static Optional<String> contextOf(String beanName, ContextModel model) {
        for (ContextBean bean : ALL) {
            if (beanName.endsWith(bean.suffix) && beanName.length() > bean.suffix.length()) {
                String context = beanName.substring(0, beanName.length() - bean.suffix.length());
                if (model.context(context).isPresent()) {
                    return Optional.of(context);
                }
            }
        }
        return Optional.empty();
    }
}
