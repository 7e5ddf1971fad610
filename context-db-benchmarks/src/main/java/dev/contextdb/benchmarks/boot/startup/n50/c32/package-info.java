@BoundedContext("startup32")
package dev.contextdb.benchmarks.boot.startup.n50.c32;

import dev.contextdb.BoundedContext;
