package dev.contextdb.archunit;

import static dev.contextdb.archunit.Fixtures.pkg;
import static dev.contextdb.archunit.Fixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Rule 3. */
class DataCyclesTest {

    @Test
    void aDeclaredReadAndAnUndeclaredUseTheOtherWayFormACycle() {
        String catalog = pkg("cycle.catalog");
        String orders = pkg("cycle.orders");

        assertThat(violations(ContextDbRules.noDataCyclesBetweenContexts(), "cycle")).containsExactly(
                "Contexts catalog -> orders -> catalog depend on each other's data in a cycle: catalog -> orders:"
                        + " Constructor <" + catalog + ".Bestsellers.<init>(" + orders + ".OrderRepository)> has"
                        + " parameter of type <" + orders + ".OrderRepository> in (Bestsellers.java:0);"
                        + " orders -> catalog: declares reads = \"catalog\" in the @BoundedContext on package-info of "
                        + orders + ". Fix: let the data flow one way; the other way, call the context's application"
                        + " service or subscribe to its events.");
    }

    @Test
    void allReportsTheCycleBesideTheUndeclaredUsesThatMakeIt() {
        List<String> all = violations(ContextDbRules.all(), "cycle");

        assertThat(all).containsExactlyInAnyOrderElementsOf(concat(
                violations(ContextDbRules.noDataAccessAcrossContexts(), "cycle"),
                violations(ContextDbRules.noDataCyclesBetweenContexts(), "cycle")));
        assertThat(all).hasSize(4);
    }

    @Test
    void everyElementaryCycleIsFoundOnceFromItsFirstContext() {
        CycleFinder graph = new CycleFinder();
        graph.add("billing", "orders");
        graph.add("orders", "billing");
        graph.add("orders", "catalog");
        graph.add("catalog", "billing");
        graph.add("catalog", "inventory");

        assertThat(graph.find()).containsExactly(
                List.of("billing", "orders", "billing"),
                List.of("billing", "orders", "catalog", "billing"));
    }

    @Test
    void noCycleWhenDataFlowsOneWay() {
        CycleFinder graph = new CycleFinder();
        graph.add("orders", "catalog");
        graph.add("billing", "orders");
        graph.add("billing", "catalog");

        assertThat(graph.find()).isEmpty();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
