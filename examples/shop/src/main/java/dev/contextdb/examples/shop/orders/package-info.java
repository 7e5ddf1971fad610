/** Customers' orders, kept with a JdbcTemplate repository. */
@BoundedContext("orders")
package dev.contextdb.examples.shop.orders;

import dev.contextdb.BoundedContext;
