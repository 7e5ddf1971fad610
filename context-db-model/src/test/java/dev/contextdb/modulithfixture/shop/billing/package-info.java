/** Both annotations: context-db's names the context and declares its reads. */
@BoundedContext(name = "invoicing", reads = "orders")
@ApplicationModule(id = "billing")
package dev.contextdb.modulithfixture.shop.billing;

import dev.contextdb.BoundedContext;
import org.springframework.modulith.ApplicationModule;
