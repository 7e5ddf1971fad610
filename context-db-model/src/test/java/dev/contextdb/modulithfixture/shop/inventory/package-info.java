/** A module with an id and allowed dependencies: the id names the context; the dependencies are about code, no reads. */
@ApplicationModule(id = "stock", displayName = "Inventory", allowedDependencies = "orders")
package dev.contextdb.modulithfixture.shop.inventory;

import org.springframework.modulith.ApplicationModule;
