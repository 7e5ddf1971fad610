@BoundedContext("startup05")
package dev.contextdb.benchmarks.boot.startup.n10.c05;

import dev.contextdb.BoundedContext;
