@BoundedContext("startup14")
package dev.contextdb.benchmarks.boot.startup.n50.c14;

import dev.contextdb.BoundedContext;
