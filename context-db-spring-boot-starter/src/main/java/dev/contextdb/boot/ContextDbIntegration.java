package dev.contextdb.boot;

import dev.contextdb.ContextDb;

/**
 * What one of the starter's integrations adds to {@link ContextDb.Builder} beyond the
 * {@code context-db.*} properties, as a bean that the {@code contextDb} bean applies: the JPA
 * integration supplies a {@code JpaTransactionManager} for every context with entities.
 */
@FunctionalInterface
interface ContextDbIntegration {

    /** @param builder the builder, with the properties applied */
    void customize(ContextDb.Builder builder);
}
