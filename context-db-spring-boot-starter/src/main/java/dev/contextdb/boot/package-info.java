/**
 * Spring Boot auto-configuration of context-db: add the starter, declare {@code @BoundedContext}
 * on package-infos, and every context gets its DataSource, transaction manager, JDBC/jOOQ access
 * and migrations from {@code context-db.*} properties.
 *
 * <pre>
 * context-db.strategy=schema
 * context-db.datasource.url=jdbc:postgresql://localhost/shop
 * context-db.contexts.billing.strategy=database
 * context-db.contexts.billing.datasource.url=jdbc:postgresql://billing-db/billing
 * </pre>
 */
@NullMarked
package dev.contextdb.boot;

import org.jspecify.annotations.NullMarked;
