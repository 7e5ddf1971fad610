@BoundedContext("startup09")
package dev.contextdb.benchmarks.boot.startup.n10.c09;

import dev.contextdb.BoundedContext;
