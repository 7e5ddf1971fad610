@BoundedContext("startup36")
package dev.contextdb.benchmarks.boot.startup.n50.c36;

import dev.contextdb.BoundedContext;
