@BoundedContext("jpa04")
package dev.contextdb.benchmarks.boot.jpastartup.contexts.c04;

import dev.contextdb.BoundedContext;
