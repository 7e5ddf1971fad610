@BoundedContext("startup49")
package dev.contextdb.benchmarks.boot.startup.n50.c49;

import dev.contextdb.BoundedContext;
