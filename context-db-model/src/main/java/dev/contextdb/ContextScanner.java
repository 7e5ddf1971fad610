package dev.contextdb;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.classreading.CachingMetadataReaderFactory;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Finds {@code @BoundedContext} declarations by reading class files, so scanning loads no
 * application class. Package-private: use {@link ContextModel#scan(String...)}.
 */
final class ContextScanner {

    /** jMolecules' annotation, recognised by name so that we need no dependency on it. */
    static final String JMOLECULES_BOUNDED_CONTEXT = "org.jmolecules.ddd.annotation.BoundedContext";

    /**
     * Spring Modulith's module declaration, recognised by name as well. Its {@code allowedDependencies}
     * govern code, not data, so they declare no reads.
     */
    static final String MODULITH_APPLICATION_MODULE = "org.springframework.modulith.ApplicationModule";

    private static final String PACKAGE_INFO = "package-info";

    private ContextScanner() {
    }

    /**
     * @param classLoader where to look
     * @param basePackages the packages to scan, with subpackages
     * @return every declaration found, in class-path order
     */
    static List<ContextDefinition> scan(ClassLoader classLoader, Collection<String> basePackages) {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(classLoader);
        MetadataReaderFactory readers = new CachingMetadataReaderFactory(resolver);
        Map<String, ContextDefinition> found = new LinkedHashMap<>();
        for (String basePackage : basePackages) {
            String pattern = "classpath*:" + basePackage.replace('.', '/') + "/**/*.class";
            try {
                for (Resource resource : resolver.getResources(pattern)) {
                    MetadataReader reader = readers.getMetadataReader(resource);
                    ContextDefinition definition = definitionOf(reader.getAnnotationMetadata());
                    if (definition != null) {
                        found.putIfAbsent(definition.source(), definition);
                    }
                }
            } catch (IOException e) {
                throw new ContextDbConfigurationException(null, "context-db.base-packages",
                        "Could not scan package " + basePackage + " for @BoundedContext: " + e.getMessage(),
                        "check that the package exists on the class path.", e);
            }
        }
        return new ArrayList<>(found.values());
    }

    /**
     * @param className the annotated package-info or type
     * @param annotationType the annotation's fully qualified name
     * @param attributes the annotation's attributes
     * @return the declared context, or {@code null} when the annotation is not a context declaration
     */
    static ContextDefinition definitionOf(String className, String annotationType, Map<String, ?> attributes) {
        int dot = className.lastIndexOf('.');
        String packageName = dot < 0 ? "" : className.substring(0, dot);
        boolean packageInfo = className.substring(dot + 1).equals(PACKAGE_INFO);
        String source = (packageInfo ? "package-info of " + packageName : "type " + className);
        String lastSegment = packageName.substring(packageName.lastIndexOf('.') + 1);
        if (BoundedContext.class.getName().equals(annotationType)) {
            String name = firstNonEmpty(attributes.get("name"), attributes.get("value"), lastSegment);
            return new ContextDefinition(name, packageName, strings(attributes.get("reads")),
                    "@BoundedContext on " + source);
        }
        if (JMOLECULES_BOUNDED_CONTEXT.equals(annotationType)) {
            String name = firstNonEmpty(attributes.get("id"), attributes.get("name"), lastSegment);
            return new ContextDefinition(name, packageName, List.of(), "jMolecules @BoundedContext on " + source);
        }
        if (MODULITH_APPLICATION_MODULE.equals(annotationType)) {
            // Modulith's default identifier is the package below the application's root package: for a
            // module directly below it (all that Modulith's default detection finds) the last segment.
            String name = firstNonEmpty(attributes.get("id"), lastSegment);
            return new ContextDefinition(name, packageName, List.of(),
                    "Spring Modulith @ApplicationModule on " + source);
        }
        return null;
    }

    private static ContextDefinition definitionOf(AnnotationMetadata metadata) {
        for (String type : ContextDefinition.DECLARING_ANNOTATIONS) {
            Map<String, Object> attributes = metadata.getAnnotationAttributes(type);
            if (attributes != null) {
                return definitionOf(metadata.getClassName(), type, attributes);
            }
        }
        return null;
    }

    /** Class files give {@code String[]}; other readers (ArchUnit) may give {@code Object[]}. */
    private static List<String> strings(Object array) {
        if (array instanceof Object[] values) {
            return Arrays.stream(values).map(String::valueOf).toList();
        }
        return List.of();
    }

    private static String firstNonEmpty(Object... candidates) {
        for (Object candidate : candidates) {
            if (candidate instanceof String text && !text.isEmpty()) {
                return text;
            }
        }
        return "";
    }
}
