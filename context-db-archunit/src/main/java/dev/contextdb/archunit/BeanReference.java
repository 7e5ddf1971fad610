package dev.contextdb.archunit;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.SourceCodeLocation;
import dev.contextdb.ContextDefinition;

/**
 * An annotation inside one context that names a data-access bean of another, such as
 * {@code @Transactional("catalogTransactionManager")} in orders.
 *
 * @param origin the class that carries the annotation (on itself or a member)
 * @param from the context of that class
 * @param to the context that owns the bean
 * @param beanName the bean name
 * @param beanKind what the bean is, for example {@code "transaction manager"}
 * @param description which element carries which annotation, for example
 *        {@code "Method <...place()> is annotated with @Transactional(\"catalogTransactionManager\")"}
 * @param location where
 */
record BeanReference(JavaClass origin, ContextDefinition from, ContextDefinition to, String beanName,
        String beanKind, String description, SourceCodeLocation location) {
}
