@BoundedContext("jpa09")
package dev.contextdb.benchmarks.boot.jpastartup.contexts.c09;

import dev.contextdb.BoundedContext;
