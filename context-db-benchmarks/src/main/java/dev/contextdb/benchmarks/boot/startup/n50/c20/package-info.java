@BoundedContext("startup20")
package dev.contextdb.benchmarks.boot.startup.n50.c20;

import dev.contextdb.BoundedContext;
