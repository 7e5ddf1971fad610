@BoundedContext("startup18")
package dev.contextdb.benchmarks.boot.startup.n50.c18;

import dev.contextdb.BoundedContext;
