/** Books each sale it receives from RabbitMQ; runs in an application of its own ("another process"). */
@BoundedContext("ledger")
package dev.contextdb.boot.rabbit.ledger;

import dev.contextdb.BoundedContext;
