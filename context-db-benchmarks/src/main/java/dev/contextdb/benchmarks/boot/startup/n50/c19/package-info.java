@BoundedContext("startup19")
package dev.contextdb.benchmarks.boot.startup.n50.c19;

import dev.contextdb.BoundedContext;
