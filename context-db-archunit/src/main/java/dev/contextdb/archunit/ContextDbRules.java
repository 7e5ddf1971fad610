package dev.contextdb.archunit;

import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * ArchUnit rules that keep bounded contexts out of each other's data, read from the same
 * {@code @BoundedContext} declarations and the same {@link dev.contextdb.ContextModel} as the
 * runtime. Add them to a build in one line:
 *
 * <pre>{@code
 * @AnalyzeClasses(packages = "com.acme.shop")
 * class ContextBoundariesTest {
 *     @ArchTest static final ArchRule contextDb = ContextDbRules.all();
 * }
 * }</pre>
 *
 * <p>The rules, each also available on its own:
 * <ol>
 * <li>{@link #noDataAccessAcrossContexts()}: a class of context A uses no data-access type of
 *     context B: Spring {@code @Repository} classes, Spring Data repositories, jOOQ generated
 *     tables, records, DAOs and constants, JPA entities and Spring Data JDBC aggregates, classes
 *     that inject a {@code DataSource}, {@code JdbcClient}, {@code JdbcTemplate},
 *     {@code DSLContext} or {@code EntityManager}. When A declares {@code reads = "b"}, it may use
 *     the types that describe B's tables (jOOQ tables, records, schemas and their constants,
 *     entities and aggregates) in its own queries, but still not B's repositories or other
 *     data-access code.</li>
 * <li>{@link #noForeignDataBeans()}: no annotation inside context A names one of context B's
 *     beans ({@link dev.contextdb.ContextBean}: {@code bDataSource}, {@code bTransactionManager},
 *     {@code bTransactionTemplate}, {@code bJdbcTemplate}, {@code bNamedParameterJdbcTemplate},
 *     {@code bJdbcClient}, {@code bDSLContext}, {@code bFlyway}, {@code bEntityManagerFactory},
 *     {@code bEntityManager}, {@code bJdbcAggregateTemplate}), also not through a
 *     meta-annotation; {@code reads} does not change that.</li>
 * <li>{@link #noDataCyclesBetweenContexts()}: the contexts' data dependencies (declared reads,
 *     uses of data-access types, named beans) form no cycle.</li>
 * <li>{@link #dataAccessInsideContexts()}: every data-access type lies inside a context, so that
 *     rules 1, 2 and 6 can see it; {@link Enforcement configurable}.</li>
 * <li>{@link #validContextDeclarations()}: context names are valid and unique, packages do not
 *     overlap, and {@code reads} names declared contexts, without cycles.</li>
 * <li>{@link #noEntityRelationshipsAcrossContexts()}: no entity or aggregate of context A maps a
 *     relationship to one of context B ({@code @ManyToOne Product product}); A references it by
 *     id. {@code reads} does not change that.</li>
 * </ol>
 *
 * <p>Calling another context's application service, using its events and DTOs, and Spring Data's
 * value types ({@code Page}, {@code Pageable}, {@code Sort}) stay allowed: the rules forbid data
 * access across contexts, not collaboration. Classes outside every context are not subject to
 * rules 1, 2 and 6.
 *
 * <p>Every violation names the class and member, {@code (File.java:line)}, both contexts and the
 * fix. Rule descriptions never change with the configuration, so
 * {@code FreezingArchRule.freeze(ContextDbRules.all())} keeps its store across runs.
 */
public final class ContextDbRules {

    /**
     * How a configurable rule reports its violations. The rule's description is the same in
     * every mode, so a store written by {@code FreezingArchRule} stays valid when you change it.
     *
     * <pre>{@code
     * @ArchTest static final ArchRule contextDb = ContextDbRules.all(Enforcement.WARN);
     * }</pre>
     */
    public enum Enforcement {
        /** Not checked. */
        OFF,
        /** Each violation is logged as a warning (SLF4J, logger {@code dev.contextdb.archunit}); the rule passes. */
        WARN,
        /** Each violation fails the rule; combine with {@code FreezingArchRule} to accept today's and fail new ones. */
        FAIL
    }

    static final String NO_DATA_ACCESS_ACROSS_CONTEXTS =
            "classes in a bounded context should use only the data-access types of their own context"
                    + " and of the contexts they read";
    static final String NO_FOREIGN_DATA_BEANS =
            "classes in a bounded context should not name another context's DataSource, transaction manager"
                    + " or other data-access beans";
    static final String NO_DATA_CYCLES =
            "bounded contexts should not depend on each other's data in a cycle";
    static final String DATA_ACCESS_INSIDE_CONTEXTS =
            "data-access types should reside in a bounded context";
    static final String NO_ENTITY_RELATIONSHIPS_ACROSS_CONTEXTS =
            "entities should not map relationships to another context's entities";
    static final String VALID_CONTEXT_DECLARATIONS =
            "bounded contexts should have valid, unique names and read only declared contexts";
    static final String ALL =
            "context-db: bounded contexts should keep out of each other's data";

    private static final Consumer<String> LOG = LoggerFactory.getLogger("dev.contextdb.archunit")::warn;

    private ContextDbRules() {
    }

    /**
     * Every rule, with data-access types outside every context failing the build.
     * @return rules 1 to 6 as one rule
     */
    public static ArchRule all() {
        return all(Enforcement.FAIL);
    }

    /**
     * Every rule, with {@link #dataAccessInsideContexts()} enforced as given.
     *
     * <pre>{@code
     * // a code base that still has shared DAOs outside every context
     * @ArchTest static final ArchRule contextDb = ContextDbRules.all(Enforcement.WARN);
     * }</pre>
     *
     * @param dataAccessInsideContexts how to treat data-access types outside every context
     * @return rules 1 to 6 as one rule, with the same description whatever the enforcement
     */
    public static ArchRule all(Enforcement dataAccessInsideContexts) {
        return all(dataAccessInsideContexts, LOG);
    }

    static ArchRule all(Enforcement dataAccessInsideContexts, Consumer<String> warnings) {
        Objects.requireNonNull(dataAccessInsideContexts, "dataAccessInsideContexts");
        // Inside the set, only rule 5 reports invalid declarations; the others then stay silent.
        List<ContextRule> rules = new ArrayList<>(List.of(
                validContextDeclarationsRule(),
                noDataAccessAcrossContextsRule().quietOnInvalidDeclarations(),
                noEntityRelationshipsAcrossContextsRule().quietOnInvalidDeclarations(),
                noForeignDataBeansRule().quietOnInvalidDeclarations(),
                noDataCyclesRule().quietOnInvalidDeclarations()));
        if (dataAccessInsideContexts != Enforcement.OFF) {
            rules.add(dataAccessInsideContextsRule(dataAccessInsideContexts, warnings).quietOnInvalidDeclarations());
        }
        return new ContextRuleSet(ALL, rules);
    }

    /**
     * Rule 1: no class of context A uses a data-access type of context B. A declared
     * {@code reads = "b"} permits exactly what the database grants a read: A's own queries over
     * B's tables, through the types that describe them (B's generated jOOQ tables, records,
     * schemas, keys), on A's own connection, where roles allow {@code SELECT} only. B's
     * repositories, DAOs and classes that inject B's DataSource run on B's connection, writes
     * included, and stay B's. Classes outside every context, and data-access types outside every
     * context (see rule 4), are not subject to it.
     *
     * <pre>{@code
     * ContextDbRules.noDataAccessAcrossContexts().check(new ClassFileImporter().importPackages("com.acme.shop"));
     * }</pre>
     *
     * @return the rule
     */
    public static ArchRule noDataAccessAcrossContexts() {
        return noDataAccessAcrossContextsRule();
    }

    /**
     * Rule 2: no annotation on a class, field, method, constructor or parameter of context A (nor
     * a meta-annotation or nested annotation of one) names a bean of context B (any
     * {@link dev.contextdb.ContextBean}): {@code @Transactional("bTransactionManager")},
     * {@code @Qualifier("bDataSource")}, {@code @Qualifier("bTransactionTemplate")},
     * {@code @Named}, {@code @Resource(name = ...)} and the like. Declared reads permit B's
     * data-access types, not B's beans.
     *
     * @return the rule
     */
    public static ArchRule noForeignDataBeans() {
        return noForeignDataBeansRule();
    }

    /**
     * Rule 3: contexts' data dependencies form no cycle. A depends on B's data when it declares
     * {@code reads = "b"}, uses a data-access type of B (an entity relationship to B included) or
     * names one of B's beans.
     *
     * @return the rule
     */
    public static ArchRule noDataCyclesBetweenContexts() {
        return noDataCyclesRule();
    }

    /**
     * Rule 6: no JPA entity, embeddable or mapped superclass of context A maps a relationship
     * ({@code @ManyToOne}, {@code @OneToMany}, {@code @ManyToMany}, {@code @OneToOne},
     * {@code @ElementCollection}, on a field or getter) to an entity of context B, and no Spring
     * Data JDBC aggregate of A holds an aggregate of B (a field, a collection, a
     * {@code @MappedCollection}). The target is the annotation's {@code targetEntity} when set,
     * else the member's type or its collection's element type. A declared read does not permit it.
     * Reference the other context's entity by its id instead:
     *
     * <pre>{@code
     * @Entity class PurchaseOrder {
     *     Long productId;                                   // JPA: not @ManyToOne Product product
     * }
     * @Table class Cart {
     *     AggregateReference<Product, Long> product;         // Spring Data JDBC: not Product product
     * }
     * }</pre>
     *
     * @return the rule
     */
    public static ArchRule noEntityRelationshipsAcrossContexts() {
        return noEntityRelationshipsAcrossContextsRule();
    }

    /**
     * Rule 4, failing on every violation: every data-access type lies inside a bounded context.
     * A repository, jOOQ table or entity outside every context is invisible to rules 1, 2 and 6.
     * JPA embeddables and mapped superclasses, which map no table of their own, may lie outside.
     *
     * @return the rule
     */
    public static ArchRule dataAccessInsideContexts() {
        return dataAccessInsideContexts(Enforcement.FAIL);
    }

    /**
     * Rule 4 with the given enforcement; the description is the same in every mode.
     *
     * <pre>{@code
     * @ArchTest static final ArchRule placement = ContextDbRules.dataAccessInsideContexts(Enforcement.WARN);
     * }</pre>
     *
     * @param enforcement {@code OFF}, {@code WARN} or {@code FAIL}
     * @return the rule
     */
    public static ArchRule dataAccessInsideContexts(Enforcement enforcement) {
        return dataAccessInsideContextsRule(Objects.requireNonNull(enforcement, "enforcement"), LOG);
    }

    /**
     * Rule 5: the {@code @BoundedContext} declarations among the analysed classes form a valid
     * context model, exactly as the runtime would build it: valid and unique names, no
     * overlapping packages, {@code reads} naming declared contexts without cycles, and at least
     * one context.
     *
     * @return the rule
     */
    public static ArchRule validContextDeclarations() {
        return validContextDeclarationsRule();
    }

    static ContextRule noDataAccessAcrossContextsRule() {
        return new ContextRule(NO_DATA_ACCESS_ACROSS_CONTEXTS, new DataAccessAcrossContexts());
    }

    static ContextRule noEntityRelationshipsAcrossContextsRule() {
        return new ContextRule(NO_ENTITY_RELATIONSHIPS_ACROSS_CONTEXTS, new EntityRelationshipsAcrossContexts());
    }

    static ContextRule noForeignDataBeansRule() {
        return new ContextRule(NO_FOREIGN_DATA_BEANS, new ForeignDataBeans());
    }

    static ContextRule noDataCyclesRule() {
        return new ContextRule(NO_DATA_CYCLES, new DataCycles());
    }

    static ContextRule dataAccessInsideContextsRule(Enforcement enforcement, Consumer<String> warnings) {
        return new ContextRule(DATA_ACCESS_INSIDE_CONTEXTS, new DataAccessInsideContexts())
                .enforced(enforcement, warnings);
    }

    static ContextRule validContextDeclarationsRule() {
        return new ContextRule(VALID_CONTEXT_DECLARATIONS, new ContextDeclarations()).reportingDeclarations();
    }
}
