@BoundedContext("startup38")
package dev.contextdb.benchmarks.boot.startup.n50.c38;

import dev.contextdb.BoundedContext;
