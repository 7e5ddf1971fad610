@BoundedContext("jpa06")
package dev.contextdb.benchmarks.boot.jpastartup.contexts.c06;

import dev.contextdb.BoundedContext;
