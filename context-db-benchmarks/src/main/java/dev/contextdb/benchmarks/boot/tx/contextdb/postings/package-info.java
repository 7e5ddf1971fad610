/** The one bounded context of the transactional benchmark's context-db application. */
@BoundedContext("postings")
package dev.contextdb.benchmarks.boot.tx.contextdb.postings;

import dev.contextdb.BoundedContext;
