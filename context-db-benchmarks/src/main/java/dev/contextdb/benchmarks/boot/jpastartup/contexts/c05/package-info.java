@BoundedContext("jpa05")
package dev.contextdb.benchmarks.boot.jpastartup.contexts.c05;

import dev.contextdb.BoundedContext;
