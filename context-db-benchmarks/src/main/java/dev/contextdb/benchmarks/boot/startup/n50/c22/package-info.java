@BoundedContext("startup22")
package dev.contextdb.benchmarks.boot.startup.n50.c22;

import dev.contextdb.BoundedContext;
