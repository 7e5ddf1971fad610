/** The publishing context of the events benchmark. */
@BoundedContext("evorders")
package dev.contextdb.benchmarks.boot.events.orders;

import dev.contextdb.BoundedContext;
