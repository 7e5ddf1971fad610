/** Orders, with Spring Data JDBC; reads catalog's products. */
@BoundedContext(name = "orders", reads = "catalog")
package dev.contextdb.test.app.orders;

import dev.contextdb.BoundedContext;
