package dev.contextdb;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a bounded context: the annotated package (or the package of the annotated type) and
 * all its subpackages belong to it.
 *
 * <p>Put it on {@code package-info.java}:
 * <pre>{@code
 * @BoundedContext(name = "orders", reads = "catalog")
 * package com.acme.shop.orders;
 *
 * import dev.contextdb.BoundedContext;
 * }</pre>
 *
 * The context's code then writes unqualified SQL; the configured {@link IsolationStrategy}
 * decides whether its tables live in their own database, their own schema or a shared one.
 *
 * <p>jMolecules' {@code org.jmolecules.ddd.annotation.BoundedContext} is recognised too (its
 * {@code id}, else its {@code name}, else the last package segment names the context), and so is
 * Spring Modulith's {@code org.springframework.modulith.ApplicationModule} (its {@code id}, else the
 * last package segment; no reads). When a package carries this annotation and one of those, this
 * one wins.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PACKAGE, ElementType.TYPE})
public @interface BoundedContext {

    /**
     * Alias for {@link #name()}.
     * @return the context name
     */
    String value() default "";

    /**
     * The context name, matching {@code [a-z][a-z0-9_]{0,47}}; defaults to the last segment of
     * the package.
     * @return the context name
     */
    String name() default "";

    /**
     * Other contexts whose data this context may read (never write). Under {@code SCHEMA} and
     * {@code SHARED} a read is allowed, and granted where roles are enforced; under
     * {@code DATABASE} it cannot work and is reported at startup.
     * @return names of the contexts this one reads
     */
    String[] reads() default {};
}
