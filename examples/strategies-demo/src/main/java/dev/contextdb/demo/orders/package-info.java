/** Orders. */
@BoundedContext("orders")
package dev.contextdb.demo.orders;

import dev.contextdb.BoundedContext;
