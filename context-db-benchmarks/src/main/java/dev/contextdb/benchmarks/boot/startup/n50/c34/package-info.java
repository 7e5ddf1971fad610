@BoundedContext("startup34")
package dev.contextdb.benchmarks.boot.startup.n50.c34;

import dev.contextdb.BoundedContext;
