/** Inventory: a Modulith module with an id and allowed dependencies (about code: no reads of orders' data). */
@ApplicationModule(id = "inventory", displayName = "Inventory", allowedDependencies = "orders")
package dev.contextdb.boot.modulith.inventory;

import org.springframework.modulith.ApplicationModule;
