@BoundedContext("shipping")
package dev.contextdb.boot.jpa.shipping;

import dev.contextdb.BoundedContext;
