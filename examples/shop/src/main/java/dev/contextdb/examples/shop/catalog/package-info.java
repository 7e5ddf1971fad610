/**
 * The product catalogue, on Spring Data JPA: its entities are a persistence unit of their own.
 * Other contexts reach its data through {@link dev.contextdb.examples.shop.catalog.Catalog}, its
 * application service.
 */
@BoundedContext("catalog")
package dev.contextdb.examples.shop.catalog;

import dev.contextdb.BoundedContext;
