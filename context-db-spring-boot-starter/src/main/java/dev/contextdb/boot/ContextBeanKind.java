package dev.contextdb.boot;

import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The per-context beans: each is named {@code <context><suffix>}, and an unqualified injection
 * point of one of its types in a context's class receives its own context's bean.
 */
enum ContextBeanKind {

    DATA_SOURCE("DataSource", Set.of(DataSource.class)),
    TRANSACTION_MANAGER("TransactionManager", Set.of(PlatformTransactionManager.class, TransactionManager.class)),
    TRANSACTION_TEMPLATE("TransactionTemplate", Set.of(TransactionTemplate.class, TransactionOperations.class)),
    JDBC_TEMPLATE("JdbcTemplate", Set.of(JdbcTemplate.class, JdbcOperations.class)),
    NAMED_PARAMETER_JDBC_TEMPLATE("NamedParameterJdbcTemplate",
            Set.of(NamedParameterJdbcTemplate.class, NamedParameterJdbcOperations.class)),
    JDBC_CLIENT("JdbcClient", Set.of(JdbcClient.class)),
    /** Types named, not referenced: jOOQ is optional. */
    DSL_CONTEXT("DSLContext", Set.of()),
    FLYWAY("Flyway", Set.of());

    /** The bean definition attribute that names a per-context bean's context. */
    static final String CONTEXT_ATTRIBUTE = ContextBeanKind.class.getName() + ".context";

    private static final List<ContextBeanKind> ALL = List.of(values());
    private static final String DSL_CONTEXT_TYPE = "org.jooq.DSLContext";

    private final String suffix;
    private final Set<Class<?>> types;

    ContextBeanKind(String suffix, Set<Class<?>> types) {
        this.suffix = suffix;
        this.types = types;
    }

    String beanName(String context) {
        return context + suffix;
    }

    String suffix() {
        return suffix;
    }

    /** @return whether an injection point of this type is resolved per context */
    static boolean isContextAware(Class<?> type) {
        if (type.getName().equals(DSL_CONTEXT_TYPE)) {
            return true;
        }
        for (ContextBeanKind kind : ALL) {
            if (kind.types.contains(type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the context whose bean {@code beanName} is by the naming convention, for beans a
     *         user defined in place of the starter's, or {@code null}
     */
    static String contextOfBeanName(String beanName, java.util.function.Predicate<String> isContext) {
        for (ContextBeanKind kind : ALL) {
            if (beanName.endsWith(kind.suffix) && beanName.length() > kind.suffix.length()) {
                String context = beanName.substring(0, beanName.length() - kind.suffix.length());
                if (isContext.test(context)) {
                    return context;
                }
            }
        }
        return null;
    }
}
