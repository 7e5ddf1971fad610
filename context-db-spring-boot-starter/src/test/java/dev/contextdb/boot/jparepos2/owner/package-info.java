@BoundedContext("owner")
package dev.contextdb.boot.jparepos2.owner;

import dev.contextdb.BoundedContext;
