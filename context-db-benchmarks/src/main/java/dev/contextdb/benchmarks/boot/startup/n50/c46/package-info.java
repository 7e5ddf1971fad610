@BoundedContext("startup46")
package dev.contextdb.benchmarks.boot.startup.n50.c46;

import dev.contextdb.BoundedContext;
