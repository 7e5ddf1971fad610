@BoundedContext("jpa02")
package dev.contextdb.benchmarks.boot.jpastartup.contexts.c02;

import dev.contextdb.BoundedContext;
