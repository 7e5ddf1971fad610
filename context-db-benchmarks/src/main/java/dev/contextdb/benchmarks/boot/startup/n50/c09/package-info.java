@BoundedContext("startup09")
package dev.contextdb.benchmarks.boot.startup.n50.c09;

import dev.contextdb.BoundedContext;
