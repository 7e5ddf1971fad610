package org.jmolecules.ddd.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Stands in for jMolecules' annotation of this name, which context-db recognises by name only. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PACKAGE, ElementType.TYPE})
public @interface BoundedContext {

    String id() default "";

    String name() default "";

    String description() default "";
}
