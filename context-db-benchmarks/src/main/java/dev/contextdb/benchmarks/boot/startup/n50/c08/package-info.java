@BoundedContext("startup08")
package dev.contextdb.benchmarks.boot.startup.n50.c08;

import dev.contextdb.BoundedContext;
