package dev.contextdb.archunit;

import static dev.contextdb.archunit.Fixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** Freeze stores and ignore patterns key on these descriptions: they must not drift. */
class RuleDescriptionsTest {

    @Test
    void everyRuleHasItsStableDescription() {
        assertThat(ContextDbRules.all().getDescription())
                .isEqualTo("context-db: bounded contexts should keep out of each other's data");
        assertThat(ContextDbRules.noDataAccessAcrossContexts().getDescription())
                .isEqualTo("classes in a bounded context should use only the data-access types of their own context"
                        + " and of the contexts they read");
        assertThat(ContextDbRules.noForeignDataBeans().getDescription())
                .isEqualTo("classes in a bounded context should not name another context's DataSource, transaction"
                        + " manager or other data-access beans");
        assertThat(ContextDbRules.noDataCyclesBetweenContexts().getDescription())
                .isEqualTo("bounded contexts should not depend on each other's data in a cycle");
        assertThat(ContextDbRules.dataAccessInsideContexts().getDescription())
                .isEqualTo("data-access types should reside in a bounded context");
        assertThat(ContextDbRules.noEntityRelationshipsAcrossContexts().getDescription())
                .isEqualTo("entities should not map relationships to another context's entities");
        assertThat(ContextDbRules.validContextDeclarations().getDescription())
                .isEqualTo("bounded contexts should have valid, unique names and read only declared contexts");
    }

    @Test
    void becauseAndAsRenameButKeepChecking() {
        ArchRule because = ContextDbRules.all().because("orders moves to its own database next");
        ArchRule renamed = ContextDbRules.noForeignDataBeans().as("no foreign beans");

        assertThat(because.getDescription()).isEqualTo(
                "context-db: bounded contexts should keep out of each other's data, because orders moves to its own"
                        + " database next");
        assertThat(violations(because, "beans.metaannotation")).hasSize(1);
        assertThat(renamed.getDescription()).isEqualTo("no foreign beans");
        assertThat(violations(renamed, "beans.metaannotation")).hasSize(1);
    }
}
