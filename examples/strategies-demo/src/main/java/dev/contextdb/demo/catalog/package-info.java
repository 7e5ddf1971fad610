/** The product catalogue. */
@BoundedContext("catalog")
package dev.contextdb.demo.catalog;

import dev.contextdb.BoundedContext;
