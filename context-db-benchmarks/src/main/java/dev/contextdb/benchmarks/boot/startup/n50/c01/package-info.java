@BoundedContext("startup01")
package dev.contextdb.benchmarks.boot.startup.n50.c01;

import dev.contextdb.BoundedContext;
