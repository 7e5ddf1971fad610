package dev.contextdb.archunit;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import dev.contextdb.ContextDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds entities and aggregates of one context that map a relationship to an entity or aggregate
 * of another, by the annotations' names:
 * <ul>
 * <li>JPA (entities, embeddables, mapped superclasses): a field or getter annotated with
 *     {@code @ManyToOne}, {@code @OneToMany}, {@code @ManyToMany}, {@code @OneToOne} or
 *     {@code @ElementCollection} (jakarta or javax), whose target is the annotation's
 *     {@code targetEntity} (or {@code targetClass}) when set, else the member's type or the
 *     element type of its collection or map values;</li>
 * <li>Spring Data JDBC ({@code @Table} aggregates): any persistent field, annotated with
 *     {@code @MappedCollection} or not, whose type or element type is the other context's
 *     aggregate: Spring Data JDBC makes it part of the aggregate and writes its table.</li>
 * </ul>
 * A reference by id ({@code Long productId}, {@code AggregateReference<Product, Long>}) is no
 * relationship.
 */
final class EntityRelationships {

    private static final Set<String> JPA_RELATIONSHIPS = Set.of(
            "jakarta.persistence.ManyToOne", "jakarta.persistence.OneToMany", "jakarta.persistence.ManyToMany",
            "jakarta.persistence.OneToOne", "jakarta.persistence.ElementCollection",
            "javax.persistence.ManyToOne", "javax.persistence.OneToMany", "javax.persistence.ManyToMany",
            "javax.persistence.OneToOne", "javax.persistence.ElementCollection");
    /** {@code @ElementCollection} names its target {@code targetClass}, the others {@code targetEntity}. */
    private static final List<String> TARGET_ATTRIBUTES = List.of("targetEntity", "targetClass");
    private static final String MAPPED_COLLECTION = "org.springframework.data.relational.core.mapping.MappedCollection";
    private static final String TRANSIENT = "org.springframework.data.annotation.Transient";

    /**
     * Map and collection types by name: with class-path resolution switched off, even the JDK's
     * are stubs without supertypes. A resolved type is recognised by its supertypes.
     */
    private static final Set<String> MAPS = Set.of("java.util.Map", "java.util.SortedMap",
            "java.util.NavigableMap", "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap");
    private static final Set<String> COLLECTIONS = Set.of("java.lang.Iterable", "java.util.Collection",
            "java.util.List", "java.util.Set", "java.util.SortedSet", "java.util.NavigableSet", "java.util.Queue",
            "java.util.Deque", "java.util.ArrayList", "java.util.LinkedList", "java.util.HashSet",
            "java.util.LinkedHashSet", "java.util.TreeSet");

    private final ContextAnalysis analysis;
    private final List<EntityRelationship> found = new ArrayList<>();

    EntityRelationships(ContextAnalysis analysis) {
        this.analysis = analysis;
    }

    /** @return every relationship across contexts, by owner, then member */
    List<EntityRelationship> find() {
        List<JavaClass> classes = new ArrayList<>(analysis.classes());
        classes.sort(ContextAnalysis.BY_NAME);
        for (JavaClass owner : classes) {
            Optional<ContextDefinition> from = analysis.contextOf(owner);
            Optional<EntityMapping> mapping = from.isPresent() ? analysis.entityMappingOf(owner) : Optional.empty();
            if (mapping.isPresent()) {
                if (mapping.get().isJpa()) {
                    findJpa(owner, mapping.get(), from.get());
                } else {
                    findJdbc(owner, from.get());
                }
            }
        }
        return found;
    }

    private void findJpa(JavaClass owner, EntityMapping mapping, ContextDefinition from) {
        for (JavaField field : sorted(owner.getFields())) {
            relationshipAnnotation(field).ifPresent(annotation -> add(field, owner, mapping, from,
                    target(annotation, field.getType()), field.getDescription() + " is annotated with "
                            + rendered(annotation)));
        }
        for (JavaMethod method : sorted(owner.getMethods())) {
            relationshipAnnotation(method).ifPresent(annotation -> add(method, owner, mapping, from,
                    target(annotation, method.getReturnType()), method.getDescription() + " is annotated with "
                            + rendered(annotation)));
        }
    }

    private void findJdbc(JavaClass owner, ContextDefinition from) {
        for (JavaField field : sorted(owner.getFields())) {
            if (field.getModifiers().contains(JavaModifier.STATIC) || field.isAnnotatedWith(TRANSIENT)) {
                continue;
            }
            String how = field.isAnnotatedWith(MAPPED_COLLECTION)
                    ? " is annotated with @MappedCollection"
                    : " has type <" + field.getType().getName() + ">";
            add(field, owner, EntityMapping.AGGREGATE, from, elementType(field.getType()),
                    field.getDescription() + how);
        }
    }

    private void add(JavaMember member, JavaClass owner, EntityMapping ownerMapping, ContextDefinition from,
            JavaClass target, String description) {
        Optional<ContextDefinition> to = analysis.contextOf(target);
        if (to.isEmpty() || to.get().name().equals(from.name())) {
            return;
        }
        analysis.entityMappingOf(target).filter(EntityMapping::ownsTable).ifPresent(targetMapping -> found.add(
                new EntityRelationship(member, owner, ownerMapping, from, target, targetMapping, to.get(),
                        description)));
    }

    private static Optional<JavaAnnotation<?>> relationshipAnnotation(JavaMember member) {
        for (JavaAnnotation<?> annotation : member.getAnnotations()) {
            if (JPA_RELATIONSHIPS.contains(annotation.getRawType().getName())) {
                return Optional.of(annotation);
            }
        }
        return Optional.empty();
    }

    private static JavaClass target(JavaAnnotation<?> annotation, JavaType memberType) {
        return explicitTarget(annotation).orElseGet(() -> elementType(memberType));
    }

    private static Optional<JavaClass> explicitTarget(JavaAnnotation<?> annotation) {
        for (String attribute : TARGET_ATTRIBUTES) {
            Optional<Object> value = annotation.tryGetExplicitlyDeclaredProperty(attribute);
            if (value.isPresent() && value.get() instanceof JavaClass target && !target.getName().equals("void")) {
                return Optional.of(target);
            }
        }
        return Optional.empty();
    }

    private static String rendered(JavaAnnotation<?> annotation) {
        String type = "@" + annotation.getRawType().getSimpleName();
        return explicitTarget(annotation)
                .map(target -> type + "(" + TARGET_ATTRIBUTES.stream()
                        .filter(annotation::hasExplicitlyDeclaredProperty).findFirst().orElseThrow()
                        + " = " + target.getSimpleName() + ".class)")
                .orElse(type);
    }

    /**
     * @return the values' type of a map, the elements' type of a collection or array, else the
     *         type itself: what JPA and Spring Data JDBC map the member to
     */
    static JavaClass elementType(JavaType type) {
        JavaClass raw = type.toErasure();
        if (type instanceof JavaParameterizedType parameterized && !parameterized.getActualTypeArguments().isEmpty()) {
            List<JavaType> arguments = parameterized.getActualTypeArguments();
            Set<String> supertypes = raw.getAllClassesSelfIsAssignableTo().stream().map(JavaClass::getName)
                    .collect(Collectors.toSet());
            if (supertypes.stream().anyMatch(MAPS::contains)) {
                return arguments.get(arguments.size() - 1).toErasure();
            }
            if (supertypes.stream().anyMatch(COLLECTIONS::contains)) {
                return arguments.get(0).toErasure();
            }
        }
        return raw.getBaseComponentType();
    }

    private static <M extends JavaMember> List<M> sorted(Set<M> members) {
        List<M> sorted = new ArrayList<>(members);
        sorted.sort(Comparator.comparing(JavaMember::getFullName));
        return sorted;
    }
}
