@BoundedContext("startup42")
package dev.contextdb.benchmarks.boot.startup.n50.c42;

import dev.contextdb.BoundedContext;
