@BoundedContext("startup30")
package dev.contextdb.benchmarks.boot.startup.n50.c30;

import dev.contextdb.BoundedContext;
