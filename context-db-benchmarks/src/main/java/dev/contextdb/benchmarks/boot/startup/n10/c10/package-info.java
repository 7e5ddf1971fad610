@BoundedContext("startup10")
package dev.contextdb.benchmarks.boot.startup.n10.c10;

import dev.contextdb.BoundedContext;
