package dev.contextdb.archunit;

import static dev.contextdb.archunit.Fixtures.pkg;
import static dev.contextdb.archunit.Fixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Rule 5: the context model's own validation, reported by the build. */
class ContextDeclarationsTest {

    private final ArchRule rule = ContextDbRules.validContextDeclarations();

    @Test
    void invalidContextName() {
        assertThat(violations(rule, "invalid.name")).containsExactly(
                "Context name 'Orders' declared by @BoundedContext on package-info of " + pkg("invalid.name.orders")
                        + " is invalid: a context name must match [a-z][a-z0-9_]{0,47}. Fix: use lower-case letters,"
                        + " digits and underscores, starting with a letter, at most 48 characters, for example"
                        + " @BoundedContext(\"order_management\").");
    }

    @Test
    void readsOfAnUnknownContext() {
        assertThat(violations(rule, "invalid.reads")).containsExactly(
                "Context 'orders' (@BoundedContext on package-info of " + pkg("invalid.reads.orders") + ") reads"
                        + " unknown context 'billing'; known contexts: [catalog, orders]. Fix: declare"
                        + " @BoundedContext(\"billing\") on its package, or fix the name in reads.");
    }

    @Test
    void sameNameTwice() {
        assertThat(violations(rule, "invalid.duplicate")).containsExactly(
                "Context 'catalog' is declared twice: by @BoundedContext on package-info of "
                        + pkg("invalid.duplicate.catalog") + " and by @BoundedContext on package-info of "
                        + pkg("invalid.duplicate.products") + ". Fix: give one of them another name; a context owns"
                        + " one package and its subpackages.");
    }

    @Test
    void noContextAtAll() {
        assertThat(violations(rule, "invalid.none")).containsExactly(
                "No bounded context is declared among the analysed classes (1). Fix: annotate each context's"
                        + " package-info.java with @BoundedContext (dev.contextdb's or jMolecules') or Spring Modulith's"
                        + " @ApplicationModule, and analyse the packages that contain them.");
    }

    @Test
    void allReportsInvalidDeclarationsOnceAndChecksNothingElse() {
        assertThat(violations(ContextDbRules.all(), "invalid.reads"))
                .containsExactlyElementsOf(violations(rule, "invalid.reads"));
    }

    static Stream<ArchRule> rulesThatNeedAModel() {
        return Stream.of(ContextDbRules.noDataAccessAcrossContexts(), ContextDbRules.noForeignDataBeans(),
                ContextDbRules.noDataCyclesBetweenContexts(), ContextDbRules.dataAccessInsideContexts());
    }

    @ParameterizedTest
    @MethodSource("rulesThatNeedAModel")
    void onItsOwnEveryOtherRuleFailsRatherThanPassWithoutAModel(ArchRule other) {
        assertThat(violations(other, "invalid.name")).containsExactly(
                "Rule '" + other.getDescription() + "' cannot be checked: "
                        + violations(rule, "invalid.name").get(0));
    }
}
