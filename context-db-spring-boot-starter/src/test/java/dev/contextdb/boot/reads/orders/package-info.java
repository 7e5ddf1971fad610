/** Orders, which reads catalog's products in its own SQL. */
@BoundedContext(name = "orders", reads = "catalog")
package dev.contextdb.boot.reads.orders;

import dev.contextdb.BoundedContext;
