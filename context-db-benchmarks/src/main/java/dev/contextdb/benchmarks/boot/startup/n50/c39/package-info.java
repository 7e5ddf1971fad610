@BoundedContext("startup39")
package dev.contextdb.benchmarks.boot.startup.n50.c39;

import dev.contextdb.BoundedContext;
