/** The listening context of the events benchmark: its listener makes the orders' events stored. */
@BoundedContext("evaudit")
package dev.contextdb.benchmarks.boot.events.audit;

import dev.contextdb.BoundedContext;
