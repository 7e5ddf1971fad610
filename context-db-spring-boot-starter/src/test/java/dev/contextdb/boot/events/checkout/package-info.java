/** Publishes {@link dev.contextdb.boot.events.checkout.Purchased}. */
@BoundedContext("checkout")
package dev.contextdb.boot.events.checkout;

import dev.contextdb.BoundedContext;
