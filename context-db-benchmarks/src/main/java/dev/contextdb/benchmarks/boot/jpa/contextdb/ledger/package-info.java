/** The one bounded context of the JPA benchmark's context-db application. */
@BoundedContext("ledger")
package dev.contextdb.benchmarks.boot.jpa.contextdb.ledger;

import dev.contextdb.BoundedContext;
