@BoundedContext("startup25")
package dev.contextdb.benchmarks.boot.startup.n50.c25;

import dev.contextdb.BoundedContext;
