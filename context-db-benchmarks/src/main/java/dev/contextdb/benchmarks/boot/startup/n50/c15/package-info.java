@BoundedContext("startup15")
package dev.contextdb.benchmarks.boot.startup.n50.c15;

import dev.contextdb.BoundedContext;
