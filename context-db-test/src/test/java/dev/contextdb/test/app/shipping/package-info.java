/** Shipments of placed orders: an @ApplicationModuleListener of orders' events, with JdbcClient. */
@BoundedContext("shipping")
package dev.contextdb.test.app.shipping;

import dev.contextdb.BoundedContext;
