@BoundedContext("startup41")
package dev.contextdb.benchmarks.boot.startup.n50.c41;

import dev.contextdb.BoundedContext;
