package dev.contextdb.archunit;

import static dev.contextdb.archunit.Fixtures.pkg;
import static dev.contextdb.archunit.Fixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.lang.ArchRule;
import dev.contextdb.ContextBean;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule 2, one fixture application per form; in each, orders names a bean of catalog. */
class ForeignDataBeansTest {

    private final ArchRule rule = ContextDbRules.noForeignDataBeans();

    @Test
    void transactionalAttributesNamingAnotherContextsTransactionManager() {
        String orders = pkg("beans.annotationattribute.orders");

        // OrderService.cancel() names orders' own transaction manager: fine.
        assertThat(violations(rule, "beans.annotationattribute")).containsExactlyInAnyOrder(
                "Class <" + orders + ".OrderImport> is annotated with @Transactional(transactionManager ="
                        + " \"catalogTransactionManager\") in (OrderImport.java:0): context 'orders' names the"
                        + " transaction manager of context 'catalog'. Fix: drop \"catalogTransactionManager\", so that"
                        + " orders gets its own transaction manager; for catalog's data, use catalog's application"
                        + " service or subscribe to its events.",
                foreign("Method <" + orders + ".OrderService.place()> is annotated with"
                        + " @Transactional(\"catalogTransactionManager\") in (OrderService.java:9)",
                        "catalogTransactionManager", "transaction manager"));
        assertOnlyRule2Fails("beans.annotationattribute");
    }

    @Test
    void qualifiedFieldInjectionOfAnotherContextsDataSourceEvenWhenReadingIt() {
        String orders = pkg("beans.fieldinjection.orders");

        assertThat(violations(rule, "beans.fieldinjection")).containsExactly(
                "Field <" + orders + ".OrderArchive.dataSource> is annotated with @Qualifier(\"catalogDataSource\")"
                        + " in (OrderArchive.java:0): context 'orders' names the DataSource of context 'catalog'"
                        + " (reads = \"catalog\" permits catalog's data-access types, not its beans). Fix: drop"
                        + " \"catalogDataSource\", so that orders gets its own DataSource; for catalog's data, use"
                        + " catalog's application service or subscribe to its events.");
        assertOnlyRule2Fails("beans.fieldinjection");
    }

    @Test
    void qualifiedConstructorParameterNamingAnotherContextsJdbcClient() {
        String orders = pkg("beans.constructorparameter.orders");

        assertThat(violations(rule, "beans.constructorparameter")).containsExactly(foreign(
                "Constructor <" + orders + ".OrderRepository.<init>(org.springframework.jdbc.core.simple.JdbcClient)>"
                        + " has parameter 0 annotated with @Qualifier(\"catalogJdbcClient\")"
                        + " in (OrderRepository.java:12)",
                "catalogJdbcClient", "JdbcClient"));
        assertOnlyRule2Fails("beans.constructorparameter");
    }

    @Test
    void metaAnnotationCarryingAnotherContextsTransactionManager() {
        String orders = pkg("beans.metaannotation.orders");

        // The composed annotation itself lies in catalog, which may name its own transaction manager.
        assertThat(violations(rule, "beans.metaannotation")).containsExactly(foreign(
                "Method <" + orders + ".OrderService.place()> is annotated with @CatalogTransactional,"
                        + " meta-annotated with @Transactional(\"catalogTransactionManager\") in (OrderService.java:9)",
                "catalogTransactionManager", "transaction manager"));
        assertOnlyRule2Fails("beans.metaannotation");
    }

    @Test
    void qualifiersNamingAnotherContextsTransactionTemplateAndNamedParameterJdbcTemplate() {
        String orders = pkg("beans.templates.orders");
        String constructor = "Constructor <" + orders + ".OrderQueries.<init>("
                + "org.springframework.transaction.support.TransactionTemplate, "
                + "org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate)>";

        assertThat(violations(rule, "beans.templates")).containsExactly(
                foreign(constructor + " has parameter 0 annotated with @Qualifier(\"catalogTransactionTemplate\")"
                        + " in (OrderQueries.java:15)", "catalogTransactionTemplate", "TransactionTemplate"),
                foreign(constructor + " has parameter 1 annotated with"
                        + " @Qualifier(\"catalogNamedParameterJdbcTemplate\") in (OrderQueries.java:15)",
                        "catalogNamedParameterJdbcTemplate", "NamedParameterJdbcTemplate"));
        assertOnlyRule2Fails("beans.templates");
    }

    /** The fixture names one bean of each kind; a kind added to ContextBean without a field there fails here. */
    @Test
    void everyKindOfContextBeanIsCaught() {
        List<String> violations = violations(rule, "beans.everykind");

        assertThat(violations).hasSize(ContextBean.values().length);
        for (ContextBean bean : ContextBean.values()) {
            assertThat(violations).anySatisfy(violation -> assertThat(violation)
                    .contains("@Qualifier(\"" + bean.beanName("catalog") + "\")")
                    .contains("names the " + bean.description() + " of context 'catalog'"));
        }
    }

    private static String foreign(String where, String bean, String kind) {
        return where + ": context 'orders' names the " + kind + " of context 'catalog'. Fix: drop \"" + bean
                + "\", so that orders gets its own " + kind + "; for catalog's data, use catalog's application"
                + " service or subscribe to its events.";
    }

    /** None extra: the fixture violates rule 2 and nothing else. */
    private void assertOnlyRule2Fails(String fixture) {
        assertThat(violations(ContextDbRules.all(), fixture)).containsExactlyInAnyOrderElementsOf(violations(rule, fixture));
    }
}
