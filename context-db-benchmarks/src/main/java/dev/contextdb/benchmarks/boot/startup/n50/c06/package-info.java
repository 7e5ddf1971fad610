@BoundedContext("startup06")
package dev.contextdb.benchmarks.boot.startup.n50.c06;

import dev.contextdb.BoundedContext;
