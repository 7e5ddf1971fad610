package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.fixtures.shop.catalog.Catalog;
import dev.contextdb.fixtures.shop.orders.Orders;
import dev.contextdb.fixtures.typelevel.shipping.model.Parcel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContextModelTest {

    @Test
    void anAnnotationFoundByAnotherToolDeclaresTheContextTheScanFinds() {
        ContextDefinition scanned = ContextModel.scan("dev.contextdb.fixtures.levels").context("lvtop").orElseThrow();
        assertThat(scanned.reads()).containsExactly("lvleft", "lvright");
        // ArchUnit hands over reads as Object[]; a class file as String[]: both are the same declaration.
        assertThat(ContextDefinition.declaredBy("dev.contextdb.fixtures.levels.top.package-info",
                BoundedContext.class.getName(), Map.of("name", "lvtop", "reads", new Object[] {"lvleft", "lvright"})))
                .contains(scanned);
        assertThat(ContextDefinition.declaredBy("com.acme.shipping.model.Parcel",
                "org.jmolecules.ddd.annotation.BoundedContext", Map.of()))
                .contains(new ContextDefinition("model", "com.acme.shipping.model", List.of(),
                        "jMolecules @BoundedContext on type com.acme.shipping.model.Parcel"));
        assertThat(ContextDefinition.declaredBy("com.acme.Foo", "com.acme.Other", Map.of())).isEmpty();
        assertThat(ContextDefinition.DECLARING_ANNOTATIONS).containsExactly(BoundedContext.class.getName(),
                "org.jmolecules.ddd.annotation.BoundedContext", "org.springframework.modulith.ApplicationModule");
    }

    @Test
    void scanningFindsPackageInfosWithoutLoadingClassesAndOwnsSubpackages() {
        ContextModel model = ContextModel.scan("dev.contextdb.fixtures.shop");

        assertThat(model.names()).containsExactly("catalog", "inventory", "orders");
        assertThat(model.contextOf(Catalog.class)).map(ContextDefinition::name).contains("catalog");
        assertThat(model.contextOf(Orders.class)).map(ContextDefinition::name).contains("orders");
        assertThat(model.contextOf("dev.contextdb.fixtures.shop.orders.web.OrderController"))
                .map(ContextDefinition::name).contains("orders");
        assertThat(model.contextOf(String.class)).isEmpty();
        assertThat(model.contextOf("dev.contextdb.fixtures.shop.ordersextra.Thing")).isEmpty();
        assertThat(model.context("orders")).map(ContextDefinition::source)
                .contains("@BoundedContext on package-info of dev.contextdb.fixtures.shop.orders");
    }

    @Test
    void aTypeLevelAnnotationDeclaresItsPackageNamedAfterTheLastSegment() {
        ContextModel model = ContextModel.scan("dev.contextdb.fixtures.typelevel");

        assertThat(model.names()).containsExactly("shipping");
        assertThat(model.contextOf(Parcel.class)).map(ContextDefinition::basePackage)
                .contains("dev.contextdb.fixtures.typelevel.shipping");
    }

    @Test
    void jMoleculesAnnotationIsRecognisedByNameUsingItsId() {
        ContextModel model = ContextModel.scan("dev.contextdb.fixtures.jmolecules");

        assertThat(model.names()).containsExactly("billing");
        assertThat(model.context("billing")).map(ContextDefinition::source)
                .contains("jMolecules @BoundedContext on package-info of dev.contextdb.fixtures.jmolecules.billing");
    }

    @Test
    void contextsComeInReadsOrder() {
        ContextModel model = ContextModel.of(
                ContextDefinition.of("alpha", "x.alpha", "zulu", "mike"),
                ContextDefinition.of("mike", "x.mike", "zulu"),
                ContextDefinition.of("zulu", "x.zulu"),
                ContextDefinition.of("bravo", "x.bravo"));

        assertThat(model.inReadsOrder()).extracting(ContextDefinition::name)
                .containsExactly("zulu", "mike", "alpha", "bravo");
    }

    @Test
    void overlappingPackagesNameBothContexts() {
        assertThatThrownBy(() -> ContextModel.scan("dev.contextdb.fixtures.invalid.overlap"))
                .isInstanceOf(ContextDbConfigurationException.class)
                .hasMessage("Contexts 'outer' (@BoundedContext on package-info of dev.contextdb.fixtures.invalid.overlap.outer)"
                        + " and 'inner' (@BoundedContext on package-info of dev.contextdb.fixtures.invalid.overlap.outer.inner)"
                        + " overlap: package dev.contextdb.fixtures.invalid.overlap.outer.inner lies inside"
                        + " dev.contextdb.fixtures.invalid.overlap.outer."
                        + " Fix: move one context to a package outside the other, or merge them.");
    }

    @Test
    void duplicateNamesNameBothDeclarations() {
        assertThatThrownBy(() -> ContextModel.scan("dev.contextdb.fixtures.invalid.duplicate"))
                .isInstanceOf(ContextDbConfigurationException.class)
                .hasMessage("Context 'same' is declared twice:"
                        + " by @BoundedContext on package-info of dev.contextdb.fixtures.invalid.duplicate.a"
                        + " and by @BoundedContext on package-info of dev.contextdb.fixtures.invalid.duplicate.b."
                        + " Fix: give one of them another name; a context owns one package and its subpackages.");
    }

    @Test
    void invalidNamesAreRefusedWithThePattern() {
        for (String bad : new String[] {"Orders", "1orders", "order-management", "orders;drop", "ordérs", "",
                "a234567890123456789012345678901234567890123456789"}) {
            assertThatThrownBy(() -> ContextModel.of(ContextDefinition.of(bad, "x.y")))
                    .isInstanceOf(ContextDbConfigurationException.class)
                    .hasMessage("Context name '" + bad + "' declared by definition of x.y is invalid: a context name"
                            + " must match [a-z][a-z0-9_]{0,47}. Fix: use lower-case letters, digits and underscores,"
                            + " starting with a letter, at most 48 characters, for example"
                            + " @BoundedContext(\"order_management\").");
        }
        assertThat(ContextModel.of(ContextDefinition.of("a23456789012345678901234567890123456789012345678", "x.y"))
                .names()).hasSize(1);
    }

    @Test
    void unknownReadsNameTheContextAndTheKnownOnes() {
        assertThatThrownBy(() -> ContextModel.of(ContextDefinition.of("orders", "x.orders", "catalogue"),
                ContextDefinition.of("catalog", "x.catalog")))
                .isInstanceOf(ContextDbConfigurationException.class)
                .hasMessage("Context 'orders' (definition of x.orders) reads unknown context 'catalogue'; known contexts:"
                        + " [catalog, orders]. Fix: declare @BoundedContext(\"catalogue\") on its package, or fix the"
                        + " name in reads.");
    }

    @Test
    void readCyclesAndSelfReadsAreRefused() {
        assertThatThrownBy(() -> ContextModel.of(ContextDefinition.of("a", "x.a", "b"),
                ContextDefinition.of("b", "x.b", "c"), ContextDefinition.of("c", "x.c", "a")))
                .isInstanceOf(ContextDbConfigurationException.class)
                .hasMessageStartingWith("Contexts read each other in a cycle: a -> b -> c -> a.");
        assertThatThrownBy(() -> ContextModel.of(ContextDefinition.of("a", "x.a", "a")))
                .hasMessageStartingWith("Context 'a' (definition of x.a) reads itself.");
    }

    @Test
    void theSameContextDeclaredTwiceForOnePackageIsOneContext() {
        ContextModel model = ContextModel.of(ContextDefinition.of("a", "x.a"),
                new ContextDefinition("a", "x.a", java.util.List.of(), "type x.a.Config"));
        assertThat(model.names()).containsExactly("a");
    }
}
