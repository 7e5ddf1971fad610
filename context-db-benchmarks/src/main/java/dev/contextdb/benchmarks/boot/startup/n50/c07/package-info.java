@BoundedContext("startup07")
package dev.contextdb.benchmarks.boot.startup.n50.c07;

import dev.contextdb.BoundedContext;
