/** Stock per product. */
@BoundedContext("inventory")
package dev.contextdb.demo.inventory;

import dev.contextdb.BoundedContext;
