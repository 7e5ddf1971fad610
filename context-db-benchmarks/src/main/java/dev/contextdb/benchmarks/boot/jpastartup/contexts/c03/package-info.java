@BoundedContext("jpa03")
package dev.contextdb.benchmarks.boot.jpastartup.contexts.c03;

import dev.contextdb.BoundedContext;
