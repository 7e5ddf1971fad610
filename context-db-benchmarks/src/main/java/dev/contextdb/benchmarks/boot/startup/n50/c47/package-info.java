@BoundedContext("startup47")
package dev.contextdb.benchmarks.boot.startup.n50.c47;

import dev.contextdb.BoundedContext;
