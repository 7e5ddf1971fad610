@BoundedContext("jpa08")
package dev.contextdb.benchmarks.boot.jpastartup.contexts.c08;

import dev.contextdb.BoundedContext;
