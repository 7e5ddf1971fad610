@BoundedContext("startup50")
package dev.contextdb.benchmarks.boot.startup.n50.c50;

import dev.contextdb.BoundedContext;
