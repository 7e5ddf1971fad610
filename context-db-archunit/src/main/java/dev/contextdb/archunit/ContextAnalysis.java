package dev.contextdb.archunit;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import dev.contextdb.ContextDbConfigurationException;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the rules know about one set of imported classes: the context model, built from the
 * classes' {@code @BoundedContext} declarations by {@link ContextModel#of} exactly as at run time,
 * and, computed on first use, the data-access types that cross contexts, the beans named
 * across contexts and the entity relationships across contexts. {@link ContextRuleSet} builds one analysis for all rules.
 */
final class ContextAnalysis {

    /** Classes in a stable order: by name. */
    static final Comparator<JavaClass> BY_NAME = Comparator.comparing(JavaClass::getName);

    private static final String AGGREGATE_REFERENCE = "org.springframework.data.jdbc.core.mapping.AggregateReference";

    private final JavaClasses classes;
    private final List<Declaration> declarations;
    private final ContextModel model;
    private final String declarationProblem;
    private final DataAccessTypes dataAccessTypes = new DataAccessTypes();
    private List<DataUse> dataUses;
    private List<BeanReference> beanReferences;
    private List<EntityRelationship> relationships;

    private ContextAnalysis(JavaClasses classes, List<Declaration> declarations, ContextModel model,
            String declarationProblem) {
        this.classes = classes;
        this.declarations = declarations;
        this.model = model;
        this.declarationProblem = declarationProblem;
    }

    /**
     * @param classes the classes imported by ArchUnit, package-infos included
     * @return their analysis; never throws for invalid declarations, it reports them
     */
    static ContextAnalysis of(JavaClasses classes) {
        List<Declaration> declarations = Declaration.in(classes);
        try {
            ContextModel model = ContextModel.of(declarations.stream().map(Declaration::definition).toList());
            if (model.isEmpty()) {
                return new ContextAnalysis(classes, declarations, null,
                        "No bounded context is declared among the analysed classes (" + classes.size() + ")."
                                + " Fix: annotate each context's package-info.java with @BoundedContext"
                                + " (dev.contextdb's or jMolecules') or Spring Modulith's @ApplicationModule, and"
                                + " analyse the packages that contain them.");
            }
            return new ContextAnalysis(classes, declarations, model, null);
        } catch (ContextDbConfigurationException e) {
            return new ContextAnalysis(classes, declarations, null, e.getMessage());
        }
    }

    JavaClasses classes() {
        return classes;
    }

    List<Declaration> declarations() {
        return declarations;
    }

    /** @return why no valid model could be built, if so: invalid declarations or none at all */
    Optional<String> declarationProblem() {
        return Optional.ofNullable(declarationProblem);
    }

    /** @return the validated model; only when there is no {@link #declarationProblem()} */
    ContextModel model() {
        if (model == null) {
            throw new IllegalStateException(declarationProblem);
        }
        return model;
    }

    /** @return the context that owns the class, by the model's longest package prefix */
    Optional<ContextDefinition> contextOf(JavaClass type) {
        return model().contextOfPackage(type.getBaseComponentType().getPackageName());
    }

    /** @return the declaration of the named context, for messages */
    Optional<Declaration> declarationOf(String context) {
        return declarations.stream().filter(declaration -> declaration.definition().name().equals(context))
                .findFirst();
    }

    Optional<DataAccessKind> dataAccessKindOf(JavaClass type) {
        return dataAccessTypes.kindOf(type);
    }

    /** @return how the class is mapped to tables, if it is; read from its memoised data-access kind */
    Optional<EntityMapping> entityMappingOf(JavaClass type) {
        return dataAccessKindOf(type).flatMap(EntityMapping::byKind);
    }

    /**
     * @return every dependency of a class in one context on a data-access type of another, declared
     *         read or not, ordered by class, line and description
     */
    synchronized List<DataUse> dataUses() {
        if (dataUses == null) {
            List<DataUse> found = new ArrayList<>();
            for (JavaClass origin : classes) {
                Optional<ContextDefinition> from = contextOf(origin);
                if (from.isEmpty()) {
                    continue;
                }
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    if (target.getPackageName().equals(origin.getPackageName())) {
                        continue;
                    }
                    Optional<ContextDefinition> to = contextOf(target);
                    if (to.isEmpty() || to.get().name().equals(from.get().name())
                            || isAggregateReference(dependency, target)) {
                        continue;
                    }
                    dataAccessKindOf(target).ifPresent(
                            kind -> found.add(new DataUse(dependency, from.get(), to.get(), target, kind)));
                }
            }
            found.sort(Comparator.comparing((DataUse use) -> use.dependency().getOriginClass().getName())
                    .thenComparingInt(use -> use.dependency().getSourceCodeLocation().getLineNumber())
                    .thenComparing(use -> use.dependency().getDescription()));
            dataUses = List.copyOf(found);
        }
        return dataUses;
    }

    /**
     * Spring Data JDBC's reference by id, {@code AggregateReference<Product, Long>}, names the other
     * context's aggregate as a type argument only, to type the id: it is what the relationship rule
     * asks for, not a use of the aggregate. ArchUnit tells a dependency's origin member only in its
     * description, which renders the generic type in full.
     */
    private static boolean isAggregateReference(Dependency dependency, JavaClass target) {
        String description = dependency.getDescription();
        return description.contains(" with type argument depending on <" + target.getName() + ">")
                && description.contains(AGGREGATE_REFERENCE + "<" + target.getName() + ", ");
    }

    /** @return every annotation in one context naming another context's data-access bean */
    synchronized List<BeanReference> beanReferences() {
        if (beanReferences == null) {
            beanReferences = List.copyOf(new BeanReferences(this).find());
        }
        return beanReferences;
    }

    /** @return every entity or aggregate of one context mapping a relationship to another context's */
    synchronized List<EntityRelationship> relationships() {
        if (relationships == null) {
            relationships = List.copyOf(new EntityRelationships(this).find());
        }
        return relationships;
    }

    /**
     * @return whether {@code owner} maps a relationship to {@code target}; the relationship rule
     *         reports that, with its own fix, so rule 1 leaves {@code owner}'s uses of {@code target} to it
     */
    boolean mapsRelationship(JavaClass owner, JavaClass target) {
        for (EntityRelationship relationship : relationships()) {
            if (relationship.owner().equals(owner) && relationship.target().equals(target)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param from a context name
     * @param to another context name
     * @return whether {@code from} reads {@code to}, directly or through other contexts' reads
     */
    boolean readsTransitively(String from, String to) {
        List<String> pending = new ArrayList<>(List.of(from));
        List<String> seen = new ArrayList<>();
        while (!pending.isEmpty()) {
            String next = pending.remove(pending.size() - 1);
            if (seen.contains(next)) {
                continue;
            }
            seen.add(next);
            for (String read : model().context(next).map(ContextDefinition::reads).orElse(List.of())) {
                if (read.equals(to)) {
                    return true;
                }
                pending.add(read);
            }
        }
        return false;
    }
}
