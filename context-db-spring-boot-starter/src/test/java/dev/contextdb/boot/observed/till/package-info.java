/** Publishes {@link dev.contextdb.boot.observed.till.Sold}. */
@BoundedContext("till")
package dev.contextdb.boot.observed.till;

import dev.contextdb.BoundedContext;
