/** A JPA context that publishes. */
@BoundedContext("parcels")
package dev.contextdb.boot.jpaevents.parcels;

import dev.contextdb.BoundedContext;
