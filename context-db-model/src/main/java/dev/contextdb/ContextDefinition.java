package dev.contextdb;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One bounded context as declared: its name, the package it owns (with subpackages), the contexts
 * it reads, and where it was declared (for error messages).
 *
 * <pre>{@code
 * ContextModel model = ContextModel.of(
 *         ContextDefinition.of("catalog", "com.acme.shop.catalog"),
 *         ContextDefinition.of("orders", "com.acme.shop.orders", "catalog"));
 * }</pre>
 *
 * @param name the context name
 * @param basePackage the package the context owns, with its subpackages
 * @param reads the contexts whose data this one may read
 * @param source where it was declared, for example {@code "package-info of com.acme.shop.orders"}
 */
public record ContextDefinition(String name, String basePackage, List<String> reads, String source) {

    /**
     * The annotations that declare a context, by name, in order of preference (when a class
     * carries several, the first wins): {@link BoundedContext}, then jMolecules'
     * {@code org.jmolecules.ddd.annotation.BoundedContext}, then Spring Modulith's
     * {@code org.springframework.modulith.ApplicationModule} (the order Modulith itself reads the
     * last two in), each recognised without a dependency on it. jMolecules' and Modulith's name
     * the context by their {@code id}, else by the package's last segment, and declare no reads.
     */
    public static final List<String> DECLARING_ANNOTATIONS = List.of(BoundedContext.class.getName(),
            ContextScanner.JMOLECULES_BOUNDED_CONTEXT, ContextScanner.MODULITH_APPLICATION_MODULE);

    /**
     * Copies {@code reads}; every component is required.
     *
     * @param name the context name
     * @param basePackage the package the context owns
     * @param reads the contexts whose data this one may read
     * @param source where it was declared
     */
    public ContextDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(basePackage, "basePackage");
        reads = List.copyOf(reads);
        Objects.requireNonNull(source, "source");
    }

    /**
     * A definition made in code.
     * @param name the context name
     * @param basePackage the package it owns
     * @param reads the contexts it reads
     * @return the definition
     */
    public static ContextDefinition of(String name, String basePackage, String... reads) {
        return new ContextDefinition(name, basePackage, List.of(reads), "definition of " + basePackage);
    }

    /**
     * The context that an annotation declares, read the way {@link ContextModel#scan(String...)}
     * reads it, for tools that find annotations on their own (ArchUnit's imported classes, an
     * annotation processor) and must agree with the running application on every name, package
     * and read. The name defaults to the package's last segment; the base package is the
     * annotated class's package.
     *
     * <pre>{@code
     * Optional<ContextDefinition> orders = ContextDefinition.declaredBy("com.acme.shop.orders.package-info",
     *         BoundedContext.class.getName(), Map.of("reads", new String[] {"catalog"}));
     * // orders: name "orders", base package "com.acme.shop.orders", reads [catalog]
     * }</pre>
     *
     * @param annotatedClass the fully qualified name of the annotated package-info or type
     * @param annotationType the annotation's fully qualified name, one of {@link #DECLARING_ANNOTATIONS}
     * @param attributes the annotation's attributes by name; arrays of any element type are read
     *     as strings
     * @return the declared context, or empty when {@code annotationType} declares none
     */
    public static Optional<ContextDefinition> declaredBy(String annotatedClass, String annotationType,
            Map<String, ?> attributes) {
        return Optional.ofNullable(ContextScanner.definitionOf(annotatedClass, annotationType, attributes));
    }

    /**
     * @param packageName a package name
     * @return whether the package is this context's base package or one of its subpackages
     */
    public boolean owns(String packageName) {
        return packageName.equals(basePackage)
                || (packageName.startsWith(basePackage) && packageName.charAt(basePackage.length()) == '.');
    }
}
