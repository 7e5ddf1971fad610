@BoundedContext("startup26")
package dev.contextdb.benchmarks.boot.startup.n50.c26;

import dev.contextdb.BoundedContext;
