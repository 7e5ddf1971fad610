@BoundedContext("startup05")
package dev.contextdb.benchmarks.boot.startup.n50.c05;

import dev.contextdb.BoundedContext;
