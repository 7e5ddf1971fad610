@BoundedContext("owner")
package dev.contextdb.boot.jparepos.owner;

import dev.contextdb.BoundedContext;
