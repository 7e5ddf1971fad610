@BoundedContext("jpa01")
package dev.contextdb.benchmarks.boot.jpastartup.contexts.c01;

import dev.contextdb.BoundedContext;
