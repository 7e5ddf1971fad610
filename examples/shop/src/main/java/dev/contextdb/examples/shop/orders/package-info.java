/** Customers' orders, an aggregate with its lines on Spring Data JDBC. */
@BoundedContext("orders")
package dev.contextdb.examples.shop.orders;

import dev.contextdb.BoundedContext;
