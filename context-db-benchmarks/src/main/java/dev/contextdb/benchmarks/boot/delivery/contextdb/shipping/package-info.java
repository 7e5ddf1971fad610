/** The listening context of the event benchmarks' context-db application. */
@BoundedContext("shipping")
package dev.contextdb.benchmarks.boot.delivery.contextdb.shipping;

import dev.contextdb.BoundedContext;
