@BoundedContext("startup48")
package dev.contextdb.benchmarks.boot.startup.n50.c48;

import dev.contextdb.BoundedContext;
