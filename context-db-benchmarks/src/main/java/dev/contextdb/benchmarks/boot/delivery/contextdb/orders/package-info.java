/** The publishing context of the event benchmarks' context-db application. */
@BoundedContext("orders")
package dev.contextdb.benchmarks.boot.delivery.contextdb.orders;

import dev.contextdb.BoundedContext;
