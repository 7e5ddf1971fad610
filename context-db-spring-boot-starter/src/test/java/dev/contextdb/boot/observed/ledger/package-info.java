/** Receives {@link dev.contextdb.boot.observed.till.Sold} in two listeners. */
@BoundedContext("ledger")
package dev.contextdb.boot.observed.ledger;

import dev.contextdb.BoundedContext;
