@BoundedContext("startup01")
package dev.contextdb.benchmarks.boot.startup.n10.c01;

import dev.contextdb.BoundedContext;
