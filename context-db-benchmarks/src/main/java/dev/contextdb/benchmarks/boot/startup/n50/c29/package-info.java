@BoundedContext("startup29")
package dev.contextdb.benchmarks.boot.startup.n50.c29;

import dev.contextdb.BoundedContext;
