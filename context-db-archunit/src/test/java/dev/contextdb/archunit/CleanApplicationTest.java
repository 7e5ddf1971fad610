package dev.contextdb.archunit;

import static dev.contextdb.archunit.Fixtures.imported;
import static dev.contextdb.archunit.Fixtures.pkg;
import static dev.contextdb.archunit.Fixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.tngtech.archunit.lang.ArchRule;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CleanApplicationTest {

    static Stream<ArchRule> everyRule() {
        return Stream.of(ContextDbRules.all(), ContextDbRules.noDataAccessAcrossContexts(),
                ContextDbRules.noForeignDataBeans(), ContextDbRules.noDataCyclesBetweenContexts(),
                ContextDbRules.dataAccessInsideContexts(), ContextDbRules.validContextDeclarations(),
                ContextDbRules.noEntityRelationshipsAcrossContexts());
    }

    @ParameterizedTest
    @MethodSource("everyRule")
    void cleanShopViolatesNoRule(ArchRule rule) {
        assertThat(violations(rule, "shop")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("everyRule")
    void shopDeclaredWithJMoleculesViolatesNoRule(ArchRule rule) {
        assertThat(violations(rule, "jmolecules")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"shop", "jmolecules"})
    void rulesSeeExactlyTheContextsTheRuntimeScanFinds(String fixture) {
        ContextModel runtime = ContextModel.scan(pkg(fixture));

        ContextModel rules = ContextAnalysis.of(imported(fixture)).model();

        assertThat(rules.contexts()).isEqualTo(runtime.contexts()).hasSize(3);
    }

    @Test
    void jMoleculesContextsAreNamedByIdByNameOrByTheirPackage() {
        List<ContextDefinition> contexts = ContextAnalysis.of(imported("jmolecules")).model().contexts();

        assertThat(contexts).extracting(ContextDefinition::name, ContextDefinition::basePackage).containsExactly(
                tuple("catalog", pkg("jmolecules.catalog")),
                tuple("inventory", pkg("jmolecules.inventory")),
                tuple("orders", pkg("jmolecules.orders")));
    }

    @Test
    void theOnlyDataUsesAcrossContextsAreOrdersQueriesOfCatalogsTables() {
        List<DataUse> uses = ContextAnalysis.of(imported("shop")).dataUses();

        // Calls to catalog's and inventory's services, their events, DTOs and Spring Data's Page
        // are collaboration, not data access; ShopAdministration lies outside every context.
        assertThat(uses).allSatisfy(use -> {
            assertThat(use.dependency().getOriginClass().getSimpleName()).isEqualTo("CatalogPrices");
            assertThat(use.from().name()).isEqualTo("orders");
            assertThat(use.to().name()).isEqualTo("catalog");
            assertThat(use.permittedByRead()).isTrue();
        });
        assertThat(uses).extracting(use -> use.target().getSimpleName() + " as " + use.kind().description())
                .containsOnly("ProductTable as a jOOQ table", "ProductRecord as a jOOQ record");
        assertThat(violations(ContextDbRules.noDataAccessAcrossContexts(), "shop")).isEmpty();
    }

    @Test
    void classesOutsideEveryContextMayUseAnyContextsDataAccessTypes() {
        ContextAnalysis analysis = ContextAnalysis.of(imported("shop"));

        assertThat(imported("shop").get(pkg("shop.ShopAdministration")).getDirectDependenciesFromSelf())
                .anySatisfy(dependency -> assertThat(analysis.dataAccessKindOf(dependency.getTargetClass()))
                        .map(DataAccessKind::description).contains("a Spring @Repository"));
        assertThat(analysis.dataUses()).noneMatch(
                use -> use.dependency().getOriginClass().getSimpleName().equals("ShopAdministration"));
    }
}
