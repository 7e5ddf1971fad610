package dev.contextdb.archunit;

import static dev.contextdb.archunit.Fixtures.pkg;
import static dev.contextdb.archunit.Fixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Rule 6, one fixture application per form of mapping: in each, orders' entities or aggregates
 * map catalog's in exactly one way (or, where nothing is reported, reference them by id).
 * {@code ContextDbRules.all()} reports the relationship once, by this rule: rule 1 leaves an
 * entity's uses of the entity it maps a relationship to (field, getter, setter) to it.
 */
class EntityRelationshipsAcrossContextsTest {

    private final ArchRule rule = ContextDbRules.noEntityRelationshipsAcrossContexts();

    @Test
    void manyToOneOnAFieldWithItsGetterAndSetter() {
        String orders = pkg("entities.manytoone.orders");

        assertThat(violations(rule, "entities.manytoone")).containsExactly(jpa(
                "Field <" + orders + ".PurchaseOrder.product> is annotated with @ManyToOne in (PurchaseOrder.java:0)",
                "PurchaseOrder (a JPA entity)", "a Long field"));
        assertOnlyRule6Fails("entities.manytoone");
        assertThat(violations(ContextDbRules.noDataAccessAcrossContexts(), "entities.manytoone")).isEmpty();
    }

    @Test
    void oneToManyOfAGenericList() {
        String orders = pkg("entities.onetomany.orders");

        assertThat(violations(rule, "entities.onetomany")).containsExactly(jpa(
                "Field <" + orders + ".PurchaseOrder.products> is annotated with @OneToMany in (PurchaseOrder.java:0)",
                "PurchaseOrder (a JPA entity)", "a Long field"));
        assertOnlyRule6Fails("entities.onetomany");
    }

    /** Also: javax.persistence, and the target's id type (a UUID) in the fix. */
    @Test
    void manyToManyOfASetWithJavaxPersistence() {
        String orders = pkg("entities.manytomany.orders");

        assertThat(violations(rule, "entities.manytomany")).containsExactly(jpa(
                "Field <" + orders + ".Wishlist.products> is annotated with @ManyToMany in (Wishlist.java:0)",
                "Wishlist (a JPA entity)", "a UUID field"));
        assertOnlyRule6Fails("entities.manytomany");
    }

    /** Also: the id declared in the target's mapped superclass, a primitive long, boxed. */
    @Test
    void oneToOneEvenWhenOrdersReadsCatalog() {
        String orders = pkg("entities.onetoone.orders");

        assertThat(violations(rule, "entities.onetoone")).containsExactly(
                "Field <" + orders + ".GiftCard.product> is annotated with @OneToOne in (GiftCard.java:0): context"
                        + " 'orders' maps a relationship from GiftCard (a JPA entity) to Product of context 'catalog'"
                        + " (a JPA entity); reads = \"catalog\" permits catalog's tables in orders' own queries, not a"
                        + " relationship to its entities. Fix: reference catalog's Product by its id (a Long field)"
                        + " instead of mapping the relationship; for catalog's data, use catalog's application service"
                        + " or subscribe to its events.");
        assertOnlyRule6Fails("entities.onetoone");
    }

    @Test
    void elementCollectionOfAnEntityAsAMapsValuesInAnEmbeddable() {
        String orders = pkg("entities.elementcollection.orders");

        assertThat(violations(rule, "entities.elementcollection")).containsExactly(jpa(
                "Field <" + orders + ".Basket.bySku> is annotated with @ElementCollection in (Basket.java:0)",
                "Basket (a JPA embeddable)", "a Long field"));
        assertOnlyRule6Fails("entities.elementcollection");
    }

    @Test
    void targetEntityAttributeOnAFieldOfAnotherType() {
        String orders = pkg("entities.targetentity.orders");

        assertThat(violations(rule, "entities.targetentity")).containsExactly(jpa(
                "Field <" + orders + ".PurchaseOrder.product> is annotated with"
                        + " @ManyToOne(targetEntity = Product.class) in (PurchaseOrder.java:0)",
                "PurchaseOrder (a JPA entity)", "a Long field"));
        assertOnlyRule6Fails("entities.targetentity");
    }

    @Test
    void mappingOnAGetter() {
        String orders = pkg("entities.getter.orders");

        assertThat(violations(rule, "entities.getter")).containsExactly(jpa(
                "Method <" + orders + ".PurchaseOrder.getProduct()> is annotated with @ManyToOne"
                        + " in (PurchaseOrder.java:28)",
                "PurchaseOrder (a JPA entity)", "a Long field"));
        assertOnlyRule6Fails("entities.getter");
    }

    /** Two fields hold catalog's aggregate; a {@code @Transient} third is not persisted and not reported. */
    @Test
    void springDataJdbcAggregateHoldingAnotherContextsAggregate() {
        String orders = pkg("entities.jdbcaggregate.orders");
        String catalog = pkg("entities.jdbcaggregate.catalog");

        assertThat(violations(rule, "entities.jdbcaggregate")).containsExactly(
                jdbc("Field <" + orders + ".Cart.featured> has type <" + catalog + ".Product> in (Cart.java:0)"),
                jdbc("Field <" + orders + ".Cart.products> is annotated with @MappedCollection in (Cart.java:0)"));
        assertOnlyRule6Fails("entities.jdbcaggregate");
    }

    /** Fields, a constructor parameter, a return type and a child entity, all AggregateReference. */
    @Test
    void aggregateReferencesViolateNoRule() {
        assertThat(violations(ContextDbRules.all(), "entities.aggregatereference")).isEmpty();
    }

    /**
     * Relationships inside orders, an embedded value and a mapped superclass of a shared kernel
     * outside every context: fine. A relationship to an entity outside every context is not this
     * rule's: rule 4 reports the entity, which no context's persistence unit holds.
     */
    @Test
    void relationshipsInsideAContextAndToClassesOutsideEveryContext() {
        assertThat(violations(rule, "entities.owncontext")).isEmpty();
        assertThat(violations(ContextDbRules.all(), "entities.owncontext")).containsExactly(
                "Class <" + pkg("entities.owncontext.shared.Country") + "> is a JPA entity outside every bounded"
                        + " context in (Country.java:0). Fix: move it into the package of the context whose data it"
                        + " accesses, or declare @BoundedContext on its package.");
    }

    @Test
    void aRelationshipIsADataDependencyThatCanCloseACycle() {
        String catalog = pkg("entities.cycle.catalog");
        String orders = pkg("entities.cycle.orders");

        assertThat(violations(ContextDbRules.all(), "entities.cycle")).containsExactlyInAnyOrder(
                jpa("Field <" + orders + ".PurchaseOrder.product> is annotated with @ManyToOne"
                        + " in (PurchaseOrder.java:0)", "PurchaseOrder (a JPA entity)", "a Long field"),
                "Contexts catalog -> orders -> catalog depend on each other's data in a cycle: catalog -> orders:"
                        + " declares reads = \"orders\" in the @BoundedContext on package-info of " + catalog + ";"
                        + " orders -> catalog: Field <" + orders + ".PurchaseOrder.product> has type <" + catalog
                        + ".Product> in (PurchaseOrder.java:0). Fix: let the data flow one way; the other way, call"
                        + " the context's application service or subscribe to its events.");
    }

    private static String jpa(String where, String owner, String reference) {
        return where + ": context 'orders' maps a relationship from " + owner + " to Product of context 'catalog'"
                + " (a JPA entity). Fix: reference catalog's Product by its id (" + reference + ") instead of mapping"
                + " the relationship; for catalog's data, use catalog's application service or subscribe to its"
                + " events.";
    }

    private static String jdbc(String where) {
        return where + ": context 'orders' maps a relationship from Cart (a Spring Data JDBC aggregate) to Product of"
                + " context 'catalog' (a Spring Data JDBC aggregate). Fix: reference catalog's Product by its id"
                + " (AggregateReference<Product, Long>) instead of mapping the relationship; for catalog's data, use"
                + " catalog's application service or subscribe to its events.";
    }

    /** None extra: the fixture violates rule 6 and nothing else, not rule 1 for the same fields either. */
    private void assertOnlyRule6Fails(String fixture) {
        assertThat(violations(ContextDbRules.all(), fixture)).containsExactlyInAnyOrderElementsOf(violations(rule, fixture));
    }
}
