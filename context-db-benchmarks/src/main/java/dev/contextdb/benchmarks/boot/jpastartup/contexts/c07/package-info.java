@BoundedContext("jpa07")
package dev.contextdb.benchmarks.boot.jpastartup.contexts.c07;

import dev.contextdb.BoundedContext;
