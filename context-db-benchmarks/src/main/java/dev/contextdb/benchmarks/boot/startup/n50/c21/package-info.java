@BoundedContext("startup21")
package dev.contextdb.benchmarks.boot.startup.n50.c21;

import dev.contextdb.BoundedContext;
