package dev.contextdb.archunit;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import java.util.List;
import java.util.Optional;

/**
 * How a class is mapped to tables: a JPA entity, embeddable or mapped superclass, or a Spring
 * Data JDBC aggregate. Recognised by the annotations' names (jakarta and javax), so that neither
 * JPA nor Spring Data needs to be on the consumer's class path. Only the class's own annotations
 * count, as in JPA, whose mapping annotations are not inherited.
 */
enum EntityMapping {

    ENTITY("a JPA entity", true, "jakarta.persistence.Entity", "javax.persistence.Entity"),
    EMBEDDABLE("a JPA embeddable", false, "jakarta.persistence.Embeddable", "javax.persistence.Embeddable"),
    MAPPED_SUPERCLASS("a JPA mapped superclass", false,
            "jakarta.persistence.MappedSuperclass", "javax.persistence.MappedSuperclass"),
    AGGREGATE("a Spring Data JDBC aggregate", true, "org.springframework.data.relational.core.mapping.Table");

    /** Where JPA's and Spring Data's id annotations put the id. */
    private static final List<String> ID_ANNOTATIONS = List.of(
            "jakarta.persistence.Id", "jakarta.persistence.EmbeddedId", "javax.persistence.Id",
            "javax.persistence.EmbeddedId", "org.springframework.data.annotation.Id");

    private static final DescribedPredicate<JavaAnnotation<?>> ANY_MAPPING_ANNOTATION = DescribedPredicate.describe(
            "a JPA or Spring Data JDBC mapping annotation",
            annotation -> byAnnotation(annotation.getRawType().getName()).isPresent());

    private final DataAccessKind kind;
    private final boolean ownsTable;
    private final List<String> annotations;

    EntityMapping(String description, boolean ownsTable, String... annotations) {
        // A read permits the read context's tables; embeddables and mapped superclasses describe
        // columns of whichever entity uses them, which a read has nothing to do with.
        this.kind = new DataAccessKind(description, ownsTable);
        this.ownsTable = ownsTable;
        this.annotations = List.of(annotations);
    }

    /**
     * @return the data-access kind: an entity or aggregate describes its tables, like a jOOQ table;
     *         an embeddable or mapped superclass describes columns of others' tables
     */
    DataAccessKind kind() {
        return kind;
    }

    /**
     * @return whether its instances are rows of a table of their own, which another class can map
     *         a relationship to; embeddables and mapped superclasses are parts of other classes' rows
     */
    boolean ownsTable() {
        return ownsTable;
    }

    /** @return whether it is mapped by JPA, rather than by Spring Data JDBC */
    boolean isJpa() {
        return this != AGGREGATE;
    }

    /**
     * @param type any class, imported or a stub
     * @return how it is mapped, by its own annotations or their meta-annotations
     */
    static Optional<EntityMapping> of(JavaClass type) {
        for (JavaAnnotation<JavaClass> annotation : type.getAnnotations()) {
            Optional<EntityMapping> mapping = byAnnotation(annotation.getRawType().getName());
            if (mapping.isPresent()) {
                return mapping;
            }
        }
        // One walk over the meta-annotations for the common case, a class that is no mapping.
        if (type.getAnnotations().isEmpty() || !type.isMetaAnnotatedWith(ANY_MAPPING_ANNOTATION)) {
            return Optional.empty();
        }
        for (EntityMapping mapping : values()) {
            if (mapping.annotations.stream().anyMatch(type::isMetaAnnotatedWith)) {
                return Optional.of(mapping);
            }
        }
        return Optional.empty();
    }

    /**
     * @param kind a data-access kind, as {@link DataAccessTypes} found it (memoised per class)
     * @return the mapping it stands for; {@link DataAccessTypes} asks for a class's mapping first
     */
    static Optional<EntityMapping> byKind(DataAccessKind kind) {
        for (EntityMapping mapping : values()) {
            if (mapping.kind.equals(kind)) {
                return Optional.of(mapping);
            }
        }
        return Optional.empty();
    }

    private static Optional<EntityMapping> byAnnotation(String name) {
        for (EntityMapping mapping : values()) {
            if (mapping.annotations.contains(name)) {
                return Optional.of(mapping);
            }
        }
        return Optional.empty();
    }

    /**
     * @param type an entity or aggregate
     * @return the simple name of its id's type, boxed ({@code Long} for {@code long}), from the
     *         field or getter annotated as its id, here or in a superclass; empty if none is
     */
    static Optional<String> idTypeOf(JavaClass type) {
        for (JavaClass owner = type; owner != null; owner = owner.getRawSuperclass().orElse(null)) {
            for (JavaField field : owner.getFields()) {
                if (ID_ANNOTATIONS.stream().anyMatch(field::isAnnotatedWith)) {
                    return Optional.of(boxed(field.getRawType()));
                }
            }
            for (JavaMethod method : owner.getMethods()) {
                if (ID_ANNOTATIONS.stream().anyMatch(method::isAnnotatedWith)) {
                    return Optional.of(boxed(method.getRawReturnType()));
                }
            }
        }
        return Optional.empty();
    }

    private static String boxed(JavaClass type) {
        return switch (type.getName()) {
            case "int" -> "Integer";
            case "char" -> "Character";
            default -> type.isPrimitive()
                    ? Character.toUpperCase(type.getName().charAt(0)) + type.getName().substring(1)
                    : type.getSimpleName();
        };
    }
}
