@BoundedContext("startup02")
package dev.contextdb.benchmarks.boot.startup.n10.c02;

import dev.contextdb.BoundedContext;
