@BoundedContext("startup28")
package dev.contextdb.benchmarks.boot.startup.n50.c28;

import dev.contextdb.BoundedContext;
