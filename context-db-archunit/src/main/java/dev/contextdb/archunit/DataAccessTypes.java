package dev.contextdb.archunit;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tells data-access types from the rest. Framework types are recognised by name, so consumers need
 * none of Spring Data, jOOQ or JPA on the class path for the rules to work, and a name still
 * matches when ArchUnit only knows the type as an unresolved stub.
 *
 * <p>A type is a data-access type when it
 * <ul>
 * <li>is annotated or meta-annotated with Spring's {@code @Repository};</li>
 * <li>is a Spring Data repository ({@code Repository} subtype or {@code @RepositoryDefinition});</li>
 * <li>is a jOOQ table, record, DAO, routine, user-defined type, schema or catalog, or a class
 *     that holds jOOQ tables, keys, indexes or sequences in public static fields (what jOOQ's
 *     generator writes as {@code Tables}, {@code Keys}, {@code Indexes}, {@code Sequences});</li>
 * <li>is a Spring {@code JdbcDaoSupport} or JDBC operation object;</li>
 * <li>injects a {@code DataSource}, {@code JdbcClient}, {@code JdbcTemplate},
 *     {@code NamedParameterJdbcTemplate}, {@code DSLContext}, {@code EntityManager},
 *     {@code EntityManagerFactory} or {@code JdbcAggregateTemplate} (or their interfaces): through a
 *     field, a constructor parameter or an {@code @Autowired}/{@code @Inject}/{@code @Resource}
 *     method, also wrapped as in {@code ObjectProvider<DataSource>};</li>
 * <li>is a JPA entity, embeddable or mapped superclass, or a Spring Data JDBC aggregate annotated
 *     with {@code @Table} ({@link EntityMapping}), by its own annotations: JPA's are not inherited;</li>
 * <li>or extends a class that is one of these (but for the mappings).</li>
 * </ul>
 * DTOs, events and services that only call repositories are not.
 *
 * <p>jOOQ's tables, records, user-defined types, schemas, catalogs and constant holders, and
 * entities and aggregates, only describe tables ({@link DataAccessKind#describesTables()});
 * everything else is data-access code.
 */
final class DataAccessTypes {

    private static final String REPOSITORY = "org.springframework.stereotype.Repository";
    private static final String REPOSITORY_DEFINITION = "org.springframework.data.repository.RepositoryDefinition";
    private static final DataAccessKind SPRING_REPOSITORY = DataAccessKind.code("a Spring @Repository");
    private static final DataAccessKind SPRING_DATA = DataAccessKind.code("a Spring Data repository");
    private static final DataAccessKind JOOQ_CONSTANTS_HOLDER =
            DataAccessKind.tables("a holder of jOOQ tables, keys or sequences");

    /** Supertypes that make a data-access type, in order of preference: a type may have several. */
    private static final Map<String, DataAccessKind> SUPERTYPES = new LinkedHashMap<>();

    static {
        DataAccessKind table = DataAccessKind.tables("a jOOQ table");
        DataAccessKind record = DataAccessKind.tables("a jOOQ record");
        DataAccessKind udt = DataAccessKind.tables("a jOOQ user-defined type");
        DataAccessKind schema = DataAccessKind.tables("a jOOQ schema");
        DataAccessKind catalog = DataAccessKind.tables("a jOOQ catalog");
        DataAccessKind dao = DataAccessKind.code("a jOOQ DAO");
        DataAccessKind routine = DataAccessKind.code("a jOOQ routine");
        DataAccessKind daoSupport = DataAccessKind.code("a JdbcDaoSupport");
        SUPERTYPES.put("org.springframework.data.repository.Repository", SPRING_DATA);
        SUPERTYPES.put("org.jooq.Table", table);
        SUPERTYPES.put("org.jooq.impl.TableImpl", table);
        SUPERTYPES.put("org.jooq.DAO", dao);
        SUPERTYPES.put("org.jooq.impl.DAOImpl", dao);
        SUPERTYPES.put("org.jooq.Record", record);
        SUPERTYPES.put("org.jooq.impl.TableRecordImpl", record);
        SUPERTYPES.put("org.jooq.impl.UpdatableRecordImpl", record);
        SUPERTYPES.put("org.jooq.impl.UDTRecordImpl", record);
        SUPERTYPES.put("org.jooq.Routine", routine);
        SUPERTYPES.put("org.jooq.impl.AbstractRoutine", routine);
        SUPERTYPES.put("org.jooq.UDT", udt);
        SUPERTYPES.put("org.jooq.impl.UDTImpl", udt);
        SUPERTYPES.put("org.jooq.Schema", schema);
        SUPERTYPES.put("org.jooq.impl.SchemaImpl", schema);
        SUPERTYPES.put("org.jooq.Catalog", catalog);
        SUPERTYPES.put("org.jooq.impl.CatalogImpl", catalog);
        SUPERTYPES.put("org.springframework.jdbc.core.support.JdbcDaoSupport", daoSupport);
        SUPERTYPES.put("org.springframework.jdbc.core.namedparam.NamedParameterJdbcDaoSupport", daoSupport);
        SUPERTYPES.put("org.springframework.jdbc.object.RdbmsOperation",
                DataAccessKind.code("a Spring JDBC operation object"));
    }

    /** What a class injects to become a data-access type, by the name shown in messages. */
    private static final Map<String, String> INJECTED = ordered(
            "javax.sql.DataSource", "DataSource",
            "org.springframework.jdbc.core.simple.JdbcClient", "JdbcClient",
            "org.springframework.jdbc.core.JdbcTemplate", "JdbcTemplate",
            "org.springframework.jdbc.core.JdbcOperations", "JdbcOperations",
            "org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate", "NamedParameterJdbcTemplate",
            "org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations", "NamedParameterJdbcOperations",
            "org.jooq.DSLContext", "DSLContext",
            "jakarta.persistence.EntityManager", "EntityManager",
            "javax.persistence.EntityManager", "EntityManager",
            "jakarta.persistence.EntityManagerFactory", "EntityManagerFactory",
            "javax.persistence.EntityManagerFactory", "EntityManagerFactory",
            "org.springframework.data.jdbc.core.JdbcAggregateTemplate", "JdbcAggregateTemplate",
            "org.springframework.data.jdbc.core.JdbcAggregateOperations", "JdbcAggregateOperations");

    private static final Set<String> INJECTING_ANNOTATIONS = Set.of(
            "org.springframework.beans.factory.annotation.Autowired",
            "jakarta.inject.Inject", "javax.inject.Inject",
            "jakarta.annotation.Resource", "javax.annotation.Resource");

    /** Types of the public static constants in jOOQ's generated holder classes. */
    private static final Set<String> JOOQ_CONSTANTS = Set.of(
            "org.jooq.Table", "org.jooq.Key", "org.jooq.UniqueKey", "org.jooq.ForeignKey", "org.jooq.Index",
            "org.jooq.Sequence", "org.jooq.Schema", "org.jooq.Catalog", "org.jooq.Domain");

    private final Map<JavaClass, Optional<DataAccessKind>> kinds = new IdentityHashMap<>();

    /**
     * @param type any class, imported or a stub
     * @return what makes it a data-access type, for example a jOOQ table; empty if it is none
     */
    synchronized Optional<DataAccessKind> kindOf(JavaClass type) {
        Optional<DataAccessKind> kind = kinds.get(type);
        if (kind == null) {
            kind = Optional.ofNullable(classify(type));
            kinds.put(type, kind);
        }
        return kind;
    }

    private static DataAccessKind classify(JavaClass type) {
        if (type.isAnnotation() || type.isPrimitive() || type.isArray() || type.getSimpleName().equals("package-info")) {
            return null;
        }
        // JPA's mapping annotations are not inherited: a plain subclass of an entity is no entity.
        DataAccessKind kind = EntityMapping.of(type).map(EntityMapping::kind).orElseGet(() -> directKind(type));
        for (JavaClass superclass : type.getAllRawSuperclasses()) {
            if (kind != null) {
                break;
            }
            kind = directKind(superclass);
        }
        return kind;
    }

    private static DataAccessKind directKind(JavaClass type) {
        if (type.isAnnotatedWith(REPOSITORY) || type.isMetaAnnotatedWith(REPOSITORY)) {
            return SPRING_REPOSITORY;
        }
        if (type.isAnnotatedWith(REPOSITORY_DEFINITION)) {
            return SPRING_DATA;
        }
        Set<String> supertypes = namesOf(type.getAllClassesSelfIsAssignableTo());
        for (Map.Entry<String, DataAccessKind> supertype : SUPERTYPES.entrySet()) {
            if (supertypes.contains(supertype.getKey())) {
                return supertype.getValue();
            }
        }
        if (extendsSpringDataInterface(type)) {
            return SPRING_DATA;
        }
        String injected = injected(type);
        if (injected != null) {
            return DataAccessKind.code("a class that injects " + injected);
        }
        if (holdsJooqConstants(type)) {
            return JOOQ_CONSTANTS_HOLDER;
        }
        return null;
    }

    /**
     * When ArchUnit could not resolve Spring Data (not on the class path, or resolution switched
     * off), {@code CrudRepository} is a stub without supertypes; its name still tells.
     */
    private static boolean extendsSpringDataInterface(JavaClass type) {
        for (JavaClass supertype : type.getAllRawInterfaces()) {
            if (supertype.getName().startsWith("org.springframework.data.")
                    && supertype.getSimpleName().endsWith("Repository")) {
                return true;
            }
        }
        return false;
    }

    private static String injected(JavaClass type) {
        for (JavaField field : type.getAllFields()) {
            if (!field.getModifiers().contains(JavaModifier.STATIC)) {
                String injected = injectable(field.getType());
                if (injected != null) {
                    return injected;
                }
            }
        }
        for (JavaCodeUnit codeUnit : type.getCodeUnits()) {
            if (codeUnit.isConstructor() || INJECTING_ANNOTATIONS.stream().anyMatch(codeUnit::isAnnotatedWith)) {
                for (JavaParameter parameter : codeUnit.getParameters()) {
                    String injected = injectable(parameter.getType());
                    if (injected != null) {
                        return injected;
                    }
                }
            }
        }
        return null;
    }

    /** The type itself, or one level of type arguments, as in {@code ObjectProvider<DataSource>}. */
    private static String injectable(JavaType type) {
        String injected = injectable(type.toErasure());
        if (injected == null && type instanceof JavaParameterizedType parameterized) {
            for (JavaType argument : parameterized.getActualTypeArguments()) {
                injected = injectable(argument.toErasure());
                if (injected != null) {
                    break;
                }
            }
        }
        return injected;
    }

    private static String injectable(JavaClass type) {
        Set<String> supertypes = namesOf(type.getAllClassesSelfIsAssignableTo());
        for (Map.Entry<String, String> injectable : INJECTED.entrySet()) {
            if (supertypes.contains(injectable.getKey())) {
                return injectable.getValue();
            }
        }
        return null;
    }

    private static boolean holdsJooqConstants(JavaClass type) {
        for (JavaField field : type.getFields()) {
            if (field.getModifiers().containsAll(List.of(JavaModifier.PUBLIC, JavaModifier.STATIC))
                    && namesOf(field.getRawType().getAllClassesSelfIsAssignableTo()).stream()
                            .anyMatch(JOOQ_CONSTANTS::contains)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> namesOf(Set<JavaClass> types) {
        return types.stream().map(JavaClass::getName).collect(Collectors.toSet());
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
