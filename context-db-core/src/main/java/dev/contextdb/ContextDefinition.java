package dev.contextdb;

import java.util.List;
import java.util.Objects;

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
     * @param packageName a package name
     * @return whether the package is this context's base package or one of its subpackages
     */
    public boolean owns(String packageName) {
        return packageName.equals(basePackage)
                || (packageName.startsWith(basePackage) && packageName.charAt(basePackage.length()) == '.');
    }
}
