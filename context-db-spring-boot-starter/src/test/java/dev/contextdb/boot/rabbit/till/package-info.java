/** Sells, and publishes each sale to RabbitMQ. */
@BoundedContext("till")
package dev.contextdb.boot.rabbit.till;

import dev.contextdb.BoundedContext;
