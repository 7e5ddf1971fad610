@BoundedContext("startup11")
package dev.contextdb.benchmarks.boot.startup.n50.c11;

import dev.contextdb.BoundedContext;
