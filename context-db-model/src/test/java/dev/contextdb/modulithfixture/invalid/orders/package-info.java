/** An id that Modulith accepts but that is no valid context name. */
@ApplicationModule(id = "Order-Management")
package dev.contextdb.modulithfixture.invalid.orders;

import org.springframework.modulith.ApplicationModule;
