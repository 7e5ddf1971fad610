@BoundedContext("startup23")
package dev.contextdb.benchmarks.boot.startup.n50.c23;

import dev.contextdb.BoundedContext;
