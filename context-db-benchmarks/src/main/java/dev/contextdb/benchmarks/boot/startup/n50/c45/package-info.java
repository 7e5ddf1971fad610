@BoundedContext("startup45")
package dev.contextdb.benchmarks.boot.startup.n50.c45;

import dev.contextdb.BoundedContext;
