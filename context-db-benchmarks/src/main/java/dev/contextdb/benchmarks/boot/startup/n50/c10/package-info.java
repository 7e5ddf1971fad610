@BoundedContext("startup10")
package dev.contextdb.benchmarks.boot.startup.n50.c10;

import dev.contextdb.BoundedContext;
