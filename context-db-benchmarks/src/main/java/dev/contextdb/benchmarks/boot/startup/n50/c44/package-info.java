@BoundedContext("startup44")
package dev.contextdb.benchmarks.boot.startup.n50.c44;

import dev.contextdb.BoundedContext;
