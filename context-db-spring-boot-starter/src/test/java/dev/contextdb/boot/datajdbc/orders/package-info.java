@BoundedContext("orders")
package dev.contextdb.boot.datajdbc.orders;

import dev.contextdb.BoundedContext;
