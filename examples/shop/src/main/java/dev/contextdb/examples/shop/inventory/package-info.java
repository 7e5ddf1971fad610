/** Stock per product, kept with jOOQ. */
@BoundedContext("inventory")
package dev.contextdb.examples.shop.inventory;

import dev.contextdb.BoundedContext;
