package dev.contextdb.archunit;

import static dev.contextdb.archunit.Fixtures.imported;
import static dev.contextdb.archunit.Fixtures.pkg;
import static dev.contextdb.archunit.Fixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Spring Modulith application: modules declared with {@code @ApplicationModule}, inventory
 * listening to orders' {@code OrderPlaced} with {@code @ApplicationModuleListener}, orders
 * publishing it. Listening to another context's events and publishing your own is collaboration,
 * not data access.
 */
class ModulithApplicationTest {

    static Stream<ArchRule> everyRule() {
        return CleanApplicationTest.everyRule();
    }

    @ParameterizedTest
    @MethodSource("everyRule")
    void listeningToAnotherModulesEventAndPublishingYourOwnViolatesNoRule(ArchRule rule) {
        assertThat(violations(rule, "modulith")).isEmpty();
    }

    @Test
    void theFixtureReallyListensAcrossContexts() {
        JavaClass listener = imported("modulith").get(pkg("modulith.inventory.StockReservations"));

        assertThat(listener.getMethods()).anySatisfy(method -> {
            assertThat(method.isAnnotatedWith("org.springframework.modulith.events.ApplicationModuleListener")).isTrue();
            assertThat(method.getRawParameterTypes()).extracting(JavaClass::getName)
                    .containsExactly(pkg("modulith.orders.OrderPlaced"));
        });
        assertThat(ContextAnalysis.of(imported("modulith")).model().contextOf(listener.getName()))
                .map(ContextDefinition::name).contains("inventory");
    }

    @Test
    void rulesSeeTheModulesTheRuntimeScanFinds() {
        ContextModel runtime = ContextModel.scan(pkg("modulith"));

        List<ContextDefinition> rules = ContextAnalysis.of(imported("modulith")).model().contexts();

        assertThat(rules).isEqualTo(runtime.contexts());
        assertThat(rules).extracting(ContextDefinition::name, ContextDefinition::basePackage, ContextDefinition::reads)
                .containsExactlyInAnyOrder(
                        tuple("catalog", pkg("modulith.catalog"), List.of()),
                        tuple("inventory", pkg("modulith.inventory"), List.of()),
                        tuple("orders", pkg("modulith.orders"), List.of()));
    }
}
