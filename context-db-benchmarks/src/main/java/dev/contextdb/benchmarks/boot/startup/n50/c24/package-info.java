@BoundedContext("startup24")
package dev.contextdb.benchmarks.boot.startup.n50.c24;

import dev.contextdb.BoundedContext;
