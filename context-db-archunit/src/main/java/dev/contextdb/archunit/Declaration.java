package dev.contextdb.archunit;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import dev.contextdb.BoundedContext;
import dev.contextdb.ContextDefinition;
import dev.contextdb.internal.ContextScanner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A context declared by an annotation on an imported package-info or type. The annotation's
 * attributes go through {@link ContextScanner#definitionOf}, the code path the runtime's scan
 * uses, so the build and the running application agree on every name, package and read.
 *
 * @param definition the declared context
 * @param declaredBy the package-info or type that carries the annotation
 * @param annotationType the annotation's name: context-db's or jMolecules'
 */
record Declaration(ContextDefinition definition, JavaClass declaredBy, String annotationType) {

    /** In the scanner's order of preference: when a class carries both, context-db's wins. */
    private static final List<String> ANNOTATIONS =
            List.of(BoundedContext.class.getName(), ContextScanner.JMOLECULES_BOUNDED_CONTEXT);

    /**
     * @param classes the imported classes, package-infos included
     * @return every declaration among them
     */
    static List<Declaration> in(Iterable<JavaClass> classes) {
        List<Declaration> found = new ArrayList<>();
        for (JavaClass type : classes) {
            for (String annotationType : ANNOTATIONS) {
                Optional<JavaAnnotation<JavaClass>> annotation = type.tryGetAnnotationOfType(annotationType);
                if (annotation.isPresent()) {
                    ContextDefinition definition = ContextScanner.definitionOf(type.getName(), annotationType,
                            attributes(annotation.get()));
                    if (definition != null) {
                        found.add(new Declaration(definition, type, annotationType));
                    }
                    break;
                }
            }
        }
        return found;
    }

    /** @return whether the annotation can declare reads (jMolecules' cannot) */
    boolean canDeclareReads() {
        return annotationType.equals(BoundedContext.class.getName());
    }

    private static Map<String, Object> attributes(JavaAnnotation<?> annotation) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        annotation.getProperties().forEach((name, value) -> {
            // The scanner expects String[] where ArchUnit might hand over Object[].
            if (value instanceof Object[] values && !(value instanceof String[])) {
                String[] strings = new String[values.length];
                for (int i = 0; i < values.length; i++) {
                    strings[i] = String.valueOf(values[i]);
                }
                attributes.put(name, strings);
            } else {
                attributes.put(name, value);
            }
        });
        return attributes;
    }
}
