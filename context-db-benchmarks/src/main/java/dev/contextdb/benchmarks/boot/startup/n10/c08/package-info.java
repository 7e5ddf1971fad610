@BoundedContext("startup08")
package dev.contextdb.benchmarks.boot.startup.n10.c08;

import dev.contextdb.BoundedContext;
