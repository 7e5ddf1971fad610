@BoundedContext("startup16")
package dev.contextdb.benchmarks.boot.startup.n50.c16;

import dev.contextdb.BoundedContext;
