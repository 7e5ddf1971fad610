package dev.contextdb.archunit;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMember;
import dev.contextdb.ContextDefinition;

/**
 * An entity or aggregate of one context mapping a relationship to an entity or aggregate of
 * another, such as orders' {@code @ManyToOne Product product}.
 *
 * @param member the field or getter that maps it
 * @param owner the class that declares the member
 * @param ownerMapping how the owner is mapped, which decides the fix (an id field, or an
 *        {@code AggregateReference})
 * @param from the owner's context
 * @param target the other context's entity or aggregate
 * @param targetMapping how the target is mapped
 * @param to the target's context
 * @param description which member maps it how, for example
 *        {@code "Field <...Order.product> is annotated with @ManyToOne"}
 */
record EntityRelationship(JavaMember member, JavaClass owner, EntityMapping ownerMapping, ContextDefinition from,
        JavaClass target, EntityMapping targetMapping, ContextDefinition to, String description) {
}
