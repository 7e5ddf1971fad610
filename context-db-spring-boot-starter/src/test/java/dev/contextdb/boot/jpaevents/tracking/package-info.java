/** A context that listens to parcels' events. */
@BoundedContext("tracking")
package dev.contextdb.boot.jpaevents.tracking;

import dev.contextdb.BoundedContext;
