package dev.contextdb.archunit;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import dev.contextdb.ContextDefinition;

/**
 * A class of one context depending on a data-access type of another: a field, parameter, call,
 * field access, annotation attribute, generic type argument, ... as ArchUnit sees it.
 *
 * @param dependency the dependency, with its member and source location
 * @param from the context of the depending class
 * @param to the context of the data-access type
 * @param target the data-access type
 * @param kind what makes it a data-access type, for example a Spring Data repository
 */
record DataUse(Dependency dependency, ContextDefinition from, ContextDefinition to, JavaClass target,
        DataAccessKind kind) {

    /** @return whether the depending context declares that it reads the other */
    boolean declaredRead() {
        return from.reads().contains(to.name());
    }

    /**
     * @return whether a declared read permits it: the type describes tables, which the reading
     *         context queries on its own connection, where the database grants {@code SELECT} only
     */
    boolean permittedByRead() {
        return declaredRead() && kind.describesTables();
    }
}
