/**
 * The product catalogue. Its data is reached through {@link dev.contextdb.examples.shop.catalog.Catalog},
 * its application service, by the other contexts.
 */
@BoundedContext("catalog")
package dev.contextdb.examples.shop.catalog;

import dev.contextdb.BoundedContext;
