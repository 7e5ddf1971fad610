@BoundedContext("jpa10")
package dev.contextdb.benchmarks.boot.jpastartup.contexts.c10;

import dev.contextdb.BoundedContext;
