package dev.contextdb.archunit;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import dev.contextdb.BoundedContext;
import dev.contextdb.ContextDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A context declared by an annotation on an imported package-info or type. The annotation's
 * attributes go through {@link ContextDefinition#declaredBy}, the code path the runtime's
 * scan uses, so the build and the running application agree on every name, package and read.
 *
 * @param definition the declared context
 * @param declaredBy the package-info or type that carries the annotation
 * @param annotationType the annotation's name: context-db's, jMolecules' or Spring Modulith's
 */
record Declaration(ContextDefinition definition, JavaClass declaredBy, String annotationType) {

    /**
     * @param classes the imported classes, package-infos included
     * @return every declaration among them
     */
    static List<Declaration> in(Iterable<JavaClass> classes) {
        List<Declaration> found = new ArrayList<>();
        for (JavaClass type : classes) {
            for (String annotationType : ContextDefinition.DECLARING_ANNOTATIONS) {
                Optional<JavaAnnotation<JavaClass>> annotation = type.tryGetAnnotationOfType(annotationType);
                if (annotation.isPresent()) {
                    ContextDefinition.declaredBy(type.getName(), annotationType, annotation.get().getProperties())
                            .ifPresent(definition -> found.add(new Declaration(definition, type, annotationType)));
                    break;
                }
            }
        }
        return found;
    }

    /** @return whether the annotation can declare reads (jMolecules' and Modulith's cannot) */
    boolean canDeclareReads() {
        return annotationType.equals(BoundedContext.class.getName());
    }

    /** @return the annotation as a message names it, for example {@code "jMolecules' annotation"} */
    String annotationName() {
        if (annotationType.equals(BoundedContext.class.getName())) {
            return "dev.contextdb's @BoundedContext";
        }
        return annotationType.startsWith("org.jmolecules.") ? "jMolecules' annotation"
                : "Spring Modulith's @ApplicationModule";
    }
}
