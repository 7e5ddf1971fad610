/** Products, with JPA. */
@BoundedContext("catalog")
package dev.contextdb.test.app.catalog;

import dev.contextdb.BoundedContext;
