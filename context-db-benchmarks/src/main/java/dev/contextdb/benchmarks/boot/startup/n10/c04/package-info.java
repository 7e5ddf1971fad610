@BoundedContext("startup04")
package dev.contextdb.benchmarks.boot.startup.n10.c04;

import dev.contextdb.BoundedContext;
