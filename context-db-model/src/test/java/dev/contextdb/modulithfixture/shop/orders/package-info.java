/** A module without an id: Modulith names it after the package, and so does context-db. */
@ApplicationModule
package dev.contextdb.modulithfixture.shop.orders;

import org.springframework.modulith.ApplicationModule;
