package dev.contextdb.archunit;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rule 4: every data-access type lies inside a bounded context. One outside every context is
 * invisible to rules 1, 2 and 6, and at run time it only has the routing DataSource.
 *
 * <p>Templates are exempt: abstract classes (a shared {@code AbstractJdbcRepository}) and Spring
 * Data's {@code @NoRepositoryBean} interfaces access no data until a subclass or subinterface,
 * which this rule does check, puts them to use. So are JPA embeddables and mapped superclasses:
 * they map no table of their own, only columns of the entities that use them, so a shared
 * {@code @Embeddable Money} outside every context is where several contexts' entities can share
 * it.
 */
final class DataAccessInsideContexts implements ContextRule.Check {

    private static final String NO_REPOSITORY_BEAN = "org.springframework.data.repository.NoRepositoryBean";

    @Override
    public void check(ContextAnalysis analysis, ContextRule.Violations violations) {
        List<JavaClass> classes = new ArrayList<>(analysis.classes());
        classes.sort(ContextAnalysis.BY_NAME);
        for (JavaClass type : classes) {
            if (analysis.contextOf(type).isPresent() || isTemplate(type)
                    || analysis.entityMappingOf(type).filter(mapping -> !mapping.ownsTable()).isPresent()) {
                continue;
            }
            Optional<DataAccessKind> kind = analysis.dataAccessKindOf(type);
            if (kind.isPresent()) {
                violations.add(type, "Class <" + type.getName() + "> is " + kind.get().description()
                        + " outside every bounded context in " + type.getSourceCodeLocation()
                        + ". Fix: move it into the package of the context whose data it accesses,"
                        + " or declare @BoundedContext on its package.");
            }
        }
    }

    private static boolean isTemplate(JavaClass type) {
        return type.isInterface()
                ? type.isAnnotatedWith(NO_REPOSITORY_BEAN)
                : type.getModifiers().contains(JavaModifier.ABSTRACT);
    }
}
