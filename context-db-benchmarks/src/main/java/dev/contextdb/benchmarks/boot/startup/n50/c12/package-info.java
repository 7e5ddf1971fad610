@BoundedContext("startup12")
package dev.contextdb.benchmarks.boot.startup.n50.c12;

import dev.contextdb.BoundedContext;
