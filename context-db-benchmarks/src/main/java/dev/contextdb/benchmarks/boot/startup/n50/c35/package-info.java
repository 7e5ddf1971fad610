@BoundedContext("startup35")
package dev.contextdb.benchmarks.boot.startup.n50.c35;

import dev.contextdb.BoundedContext;
