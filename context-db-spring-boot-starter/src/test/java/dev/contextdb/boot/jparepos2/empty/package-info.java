@BoundedContext("empty")
package dev.contextdb.boot.jparepos2.empty;

import dev.contextdb.BoundedContext;
