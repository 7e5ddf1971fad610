@BoundedContext("startup17")
package dev.contextdb.benchmarks.boot.startup.n50.c17;

import dev.contextdb.BoundedContext;
