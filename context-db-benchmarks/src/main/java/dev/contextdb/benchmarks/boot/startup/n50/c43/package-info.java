@BoundedContext("startup43")
package dev.contextdb.benchmarks.boot.startup.n50.c43;

import dev.contextdb.BoundedContext;
