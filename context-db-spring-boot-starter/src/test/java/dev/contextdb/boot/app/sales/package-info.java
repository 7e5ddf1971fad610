@BoundedContext("sales")
package dev.contextdb.boot.app.sales;

import dev.contextdb.BoundedContext;
