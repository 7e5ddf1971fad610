@BoundedContext("startup40")
package dev.contextdb.benchmarks.boot.startup.n50.c40;

import dev.contextdb.BoundedContext;
