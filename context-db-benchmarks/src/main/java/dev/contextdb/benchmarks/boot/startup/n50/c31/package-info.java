@BoundedContext("startup31")
package dev.contextdb.benchmarks.boot.startup.n50.c31;

import dev.contextdb.BoundedContext;
