/** Stocks the shelf when something is purchased. */
@BoundedContext("pantry")
package dev.contextdb.boot.events.pantry;

import dev.contextdb.BoundedContext;
