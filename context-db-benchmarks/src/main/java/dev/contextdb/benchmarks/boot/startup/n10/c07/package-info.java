@BoundedContext("startup07")
package dev.contextdb.benchmarks.boot.startup.n10.c07;

import dev.contextdb.BoundedContext;
