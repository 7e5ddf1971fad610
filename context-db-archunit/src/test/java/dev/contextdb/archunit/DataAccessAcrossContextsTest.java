package dev.contextdb.archunit;

import static dev.contextdb.archunit.Fixtures.pkg;
import static dev.contextdb.archunit.Fixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Rule 1, one fixture application per form: in each, orders uses a data-access type of another
 * context in exactly one way. That a declared read permits catalog's tables is proven on the clean
 * shop ({@link CleanApplicationTest}).
 */
class DataAccessAcrossContextsTest {

    private final ArchRule rule = ContextDbRules.noDataAccessAcrossContexts();

    @Test
    void fieldInjectionOfAnotherContextsRepository() {
        String orders = pkg("access.fieldinjection.orders");
        String catalog = pkg("access.fieldinjection.catalog");

        assertThat(violations(rule, "access.fieldinjection")).containsExactly(
                "Field <" + orders + ".OrderService.catalogRepository> has type <" + catalog + ".CatalogRepository>"
                        + " in (OrderService.java:0): context 'orders' uses CatalogRepository of context 'catalog'"
                        + " (a Spring @Repository), which only 'catalog' may use. Fix: use catalog's application"
                        + " service or subscribe to its events; or declare reads = \"catalog\" in the @BoundedContext on"
                        + " package-info of " + orders + " and query catalog's tables in orders' own code.");
        assertOnlyRule1Fails("access.fieldinjection");
    }

    @Test
    void constructorParameterOfAnotherContextsSpringDataRepository() {
        String orders = pkg("access.constructorparameter.orders");
        String catalog = pkg("access.constructorparameter.catalog");

        assertThat(violations(rule, "access.constructorparameter")).containsExactly(codeOfUnreadCatalog(
                "Constructor <" + orders + ".OrderService.<init>(" + catalog + ".ProductRepository)> has parameter of"
                        + " type <" + catalog + ".ProductRepository> in (OrderService.java:0)",
                "ProductRepository", "a Spring Data repository", orders));
        assertOnlyRule1Fails("access.constructorparameter");
    }

    @Test
    void methodCallOnAClassThatInjectsAnotherContextsDataSource() {
        String orders = pkg("access.methodcall.orders");
        String catalog = pkg("access.methodcall.catalog");

        assertThat(violations(rule, "access.methodcall")).containsExactly(codeOfUnreadCatalog(
                "Method <" + orders + ".OrderReport.print(java.util.function.Supplier)> calls method <" + catalog
                        + ".CatalogQueries.productCount()> in (OrderReport.java:10)",
                "CatalogQueries", "a class that injects DataSource", orders));
        assertOnlyRule1Fails("access.methodcall");
    }

    @Test
    void annotationAttributeNamingAnotherContextsRepositoryClass() {
        String orders = pkg("access.annotationattribute.orders");
        String catalog = pkg("access.annotationattribute.catalog");

        assertThat(violations(rule, "access.annotationattribute")).containsExactly(codeOfUnreadCatalog(
                "Class <" + orders + ".OrderConfiguration> has annotation member of type <" + catalog
                        + ".CatalogRepository> in (OrderConfiguration.java:0)",
                "CatalogRepository", "a Spring @Repository", orders));
        assertOnlyRule1Fails("access.annotationattribute");
    }

    @Test
    void repositoryRecognisedThroughAMetaAnnotation() {
        String orders = pkg("access.metaannotation.orders");
        String catalog = pkg("access.metaannotation.catalog");

        assertThat(violations(rule, "access.metaannotation")).containsExactly(codeOfUnreadCatalog(
                "Field <" + orders + ".OrderPricing.history> has type <" + catalog + ".PriceHistory>"
                        + " in (OrderPricing.java:0)",
                "PriceHistory", "a Spring @Repository", orders));
        assertOnlyRule1Fails("access.metaannotation");
    }

    @Test
    void genericTypeArgumentOfAnInjectionPoint() {
        String orders = pkg("access.generictypeargument.orders");
        String catalog = pkg("access.generictypeargument.catalog");

        assertThat(violations(rule, "access.generictypeargument")).containsExactly(codeOfUnreadCatalog(
                "Field <" + orders + ".OrderService.catalog> has generic type <org.springframework.beans.factory"
                        + ".ObjectProvider<" + catalog + ".CatalogRepository>> with type argument depending on <"
                        + catalog + ".CatalogRepository> in (OrderService.java:0)",
                "CatalogRepository", "a Spring @Repository", orders));
        assertOnlyRule1Fails("access.generictypeargument");
    }

    @Test
    void jooqTableReferenceInAQueryOfAContextThatDoesNotRead() {
        String orders = pkg("access.jooqtablereference.orders");
        String catalog = pkg("access.jooqtablereference.catalog");

        assertThat(violations(rule, "access.jooqtablereference")).containsExactly(
                "Method <" + orders + ".OrderLines.knownProducts(org.jooq.DSLContext)> gets field <" + catalog
                        + ".jooq.ProductTable.PRODUCT> in (OrderLines.java:9): context 'orders' uses ProductTable of"
                        + " context 'catalog' (a jOOQ table), but does not read 'catalog'. Fix: use catalog's"
                        + " application service or subscribe to its events; or declare reads = \"catalog\" in the"
                        + " @BoundedContext on package-info of " + orders + ".");
        assertOnlyRule1Fails("access.jooqtablereference");
    }

    @Test
    void aDeclaredReadPermitsTheTablesNotTheRepositories() {
        String orders = pkg("access.readsrepository.orders");
        String catalog = pkg("access.readsrepository.catalog");

        assertThat(violations(rule, "access.readsrepository")).containsExactly(
                "Field <" + orders + ".OrderService.catalog> has type <" + catalog + ".CatalogRepository>"
                        + " in (OrderService.java:0): context 'orders' uses CatalogRepository of context 'catalog'"
                        + " (a Spring @Repository), which only 'catalog' may use: reading 'catalog' permits its tables"
                        + " in orders' own queries, not its data-access code. Fix: use catalog's application service"
                        + " or subscribe to its events; or query catalog's tables in orders' own code.");
        assertOnlyRule1Fails("access.readsrepository");
    }

    @Test
    void readingOneContextDoesNotPermitAnother() {
        String orders = pkg("access.otherreads.orders");
        String inventory = pkg("access.otherreads.inventory");

        assertThat(violations(rule, "access.otherreads")).containsExactly(
                "Field <" + orders + ".OrderService.stock> has type <" + inventory + ".StockRepository>"
                        + " in (OrderService.java:0): context 'orders' uses StockRepository of context 'inventory'"
                        + " (a Spring Data repository), which only 'inventory' may use. Fix: use inventory's"
                        + " application service or subscribe to its events; or add \"inventory\" to the reads of the"
                        + " @BoundedContext on package-info of " + orders + " and query inventory's tables in orders'"
                        + " own code.");
        assertOnlyRule1Fails("access.otherreads");
    }

    @Test
    void aContextDeclaredWithJMoleculesIsToldHowToDeclareARead() {
        String orders = pkg("access.jmolecules.orders");
        String catalog = pkg("access.jmolecules.catalog");

        assertThat(violations(rule, "access.jmolecules")).containsExactly(
                "Field <" + orders + ".OrderService.catalog> has type <" + catalog + ".CatalogRepository>"
                        + " in (OrderService.java:0): context 'orders' uses CatalogRepository of context 'catalog'"
                        + " (a Spring @Repository), which only 'catalog' may use. Fix: use catalog's application"
                        + " service or subscribe to its events; or declare 'orders' with dev.contextdb's"
                        + " @BoundedContext(name = \"orders\", reads = \"catalog\") and query catalog's tables in"
                        + " orders' own code, as jMolecules' annotation has no reads.");
        assertOnlyRule1Fails("access.jmolecules");
    }

    @Test
    void aContextDeclaredWithSpringModulithIsToldHowToDeclareARead() {
        String orders = pkg("access.modulith.orders");
        String catalog = pkg("access.modulith.catalog");

        assertThat(violations(rule, "access.modulith")).containsExactly(
                "Field <" + orders + ".OrderService.catalog> has type <" + catalog + ".CatalogRepository>"
                        + " in (OrderService.java:0): context 'orders' uses CatalogRepository of context 'catalog'"
                        + " (a Spring @Repository), which only 'catalog' may use. Fix: use catalog's application"
                        + " service or subscribe to its events; or declare 'orders' with dev.contextdb's"
                        + " @BoundedContext(name = \"orders\", reads = \"catalog\") and query catalog's tables in"
                        + " orders' own code, as Spring Modulith's @ApplicationModule has no reads.");
        assertOnlyRule1Fails("access.modulith");
    }

    @Test
    void anotherContextsEntityInAContextThatDoesNotRead() {
        String orders = pkg("entities.entityuse.orders");
        String catalog = pkg("entities.entityuse.catalog");
        String method = "Method <" + orders + ".OrderLabels.label(" + catalog + ".Product)>";
        String rest = ": context 'orders' uses Product of context 'catalog' (a JPA entity), but does not read"
                + " 'catalog'. Fix: use catalog's application service or subscribe to its events; or declare"
                + " reads = \"catalog\" in the @BoundedContext on package-info of " + orders + ".";

        assertThat(violations(rule, "entities.entityuse")).containsExactly(
                method + " calls method <" + catalog + ".Product.name()> in (OrderLabels.java:8)" + rest,
                method + " has parameter of type <" + catalog + ".Product> in (OrderLabels.java:0)" + rest);
        assertOnlyRule1Fails("entities.entityuse");
    }

    /** An entity describes tables, like a jOOQ table: a declared read permits it (not a relationship to it). */
    @Test
    void aDeclaredReadPermitsAnotherContextsEntity() {
        assertThat(ContextAnalysis.of(Fixtures.imported("entities.entityusereads")).dataUses())
                .hasSize(2).allMatch(DataUse::permittedByRead);
        assertThat(violations(ContextDbRules.all(), "entities.entityusereads")).isEmpty();
    }

    @Test
    void anotherContextsEmbeddableIsItsToChangeNotToShare() {
        String orders = pkg("entities.embeddable.orders");
        String catalog = pkg("entities.embeddable.catalog");

        assertThat(violations(rule, "entities.embeddable")).containsExactly(
                "Field <" + orders + ".Parcel.boxes> has generic type <java.util.List<" + catalog + ".Dimensions>>"
                        + " with type argument depending on <" + catalog + ".Dimensions> in (Parcel.java:0): context"
                        + " 'orders' uses Dimensions of context 'catalog' (a JPA embeddable), a mapping that 'catalog'"
                        + " owns and may change. Fix: give orders its own Dimensions, or move Dimensions out of every"
                        + " context to share it.");
        assertOnlyRule1Fails("entities.embeddable");
    }

    @Test
    void aReadIsNotSuggestedWhereItWouldCloseACycle() {
        String catalog = pkg("cycle.catalog");
        String orders = pkg("cycle.orders");

        assertThat(violations(rule, "cycle")).containsExactly(
                cycleClosing("Constructor <" + catalog + ".Bestsellers.<init>(" + orders + ".OrderRepository)> has"
                        + " parameter of type <" + orders + ".OrderRepository> in (Bestsellers.java:0)"),
                cycleClosing("Field <" + catalog + ".Bestsellers.orders> has type <" + orders + ".OrderRepository>"
                        + " in (Bestsellers.java:0)"),
                cycleClosing("Method <" + catalog + ".Bestsellers.ordered()> calls method <" + orders
                        + ".OrderRepository.orderCount()> in (Bestsellers.java:14)"));
    }

    private static String codeOfUnreadCatalog(String dependency, String type, String kind, String ordersPackage) {
        return dependency + ": context 'orders' uses " + type + " of context 'catalog' (" + kind + "), which only"
                + " 'catalog' may use. Fix: use catalog's application service or subscribe to its events; or declare"
                + " reads = \"catalog\" in the @BoundedContext on package-info of " + ordersPackage + " and query"
                + " catalog's tables in orders' own code.";
    }

    private static String cycleClosing(String dependency) {
        return dependency + ": context 'catalog' uses OrderRepository of context 'orders' (a Spring @Repository),"
                + " which only 'orders' may use. Fix: use orders' application service or subscribe to its events"
                + " (declaring a read would close a cycle, as 'orders' reads 'catalog').";
    }

    /** None extra: the fixture violates rule 1 and nothing else. */
    private void assertOnlyRule1Fails(String fixture) {
        assertThat(violations(ContextDbRules.all(), fixture)).containsExactlyInAnyOrderElementsOf(violations(rule, fixture));
    }
}
