@BoundedContext("startup03")
package dev.contextdb.benchmarks.boot.startup.n50.c03;

import dev.contextdb.BoundedContext;
