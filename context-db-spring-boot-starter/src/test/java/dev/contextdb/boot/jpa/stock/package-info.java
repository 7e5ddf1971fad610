@BoundedContext("stock")
package dev.contextdb.boot.jpa.stock;

import dev.contextdb.BoundedContext;
