package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.modelfixture.billing.Invoice;
import org.junit.jupiter.api.Test;

/**
 * The model is what a domain module and an ArchUnit test depend on: it must work with none of the
 * runtime's libraries present. This module's test class path is its own dependencies, so a class
 * that needed the runtime would not compile or would fail here.
 */
class ModelDependenciesTest {

    @Test
    void theRuntimeLibrariesAreNotOnTheModelsClassPath() {
        for (String runtimeClass : new String[] {
                "com.zaxxer.hikari.HikariDataSource",
                "org.springframework.jdbc.core.JdbcTemplate",
                "org.springframework.transaction.PlatformTransactionManager",
                "org.springframework.context.ApplicationContext",
                "dev.contextdb.ContextDb"}) {
            assertThatThrownBy(() -> Class.forName(runtimeClass))
                    .as(runtimeClass)
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void scansAndAnswersWhichContextAClassBelongsTo() {
        ContextModel model = ContextModel.scan("dev.contextdb.modelfixture");

        assertThat(model.names()).containsExactly("billing");
        assertThat(model.contextOf(Invoice.class)).map(ContextDefinition::name).contains("billing");
        assertThat(ContextBean.TRANSACTION_MANAGER.beanName("billing")).isEqualTo("billingTransactionManager");
        assertThat(ContextConventions.historyTable("billing", IsolationStrategy.SHARED))
                .isEqualTo("flyway_schema_history_billing");
    }
}
