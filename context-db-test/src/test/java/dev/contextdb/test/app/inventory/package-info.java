/** Stock levels, with JdbcClient. */
@BoundedContext("inventory")
package dev.contextdb.test.app.inventory;

import dev.contextdb.BoundedContext;
