@BoundedContext("startup06")
package dev.contextdb.benchmarks.boot.startup.n10.c06;

import dev.contextdb.BoundedContext;
