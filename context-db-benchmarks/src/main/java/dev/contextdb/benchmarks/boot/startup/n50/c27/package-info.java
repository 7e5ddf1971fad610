@BoundedContext("startup27")
package dev.contextdb.benchmarks.boot.startup.n50.c27;

import dev.contextdb.BoundedContext;
