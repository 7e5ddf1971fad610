@BoundedContext("startup37")
package dev.contextdb.benchmarks.boot.startup.n50.c37;

import dev.contextdb.BoundedContext;
