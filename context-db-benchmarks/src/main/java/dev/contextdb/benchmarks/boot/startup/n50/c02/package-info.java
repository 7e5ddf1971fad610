@BoundedContext("startup02")
package dev.contextdb.benchmarks.boot.startup.n50.c02;

import dev.contextdb.BoundedContext;
