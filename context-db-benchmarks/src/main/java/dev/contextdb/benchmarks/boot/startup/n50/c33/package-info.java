@BoundedContext("startup33")
package dev.contextdb.benchmarks.boot.startup.n50.c33;

import dev.contextdb.BoundedContext;
