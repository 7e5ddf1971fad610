@BoundedContext("startup03")
package dev.contextdb.benchmarks.boot.startup.n10.c03;

import dev.contextdb.BoundedContext;
