@BoundedContext("startup13")
package dev.contextdb.benchmarks.boot.startup.n50.c13;

import dev.contextdb.BoundedContext;
