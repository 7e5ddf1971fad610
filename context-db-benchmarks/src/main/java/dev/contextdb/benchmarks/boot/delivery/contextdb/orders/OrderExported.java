package dev.contextdb.benchmarks.boot.delivery.contextdb.orders;

import org.springframework.modulith.events.Externalized;

/**
 * Published by {@link OrderService#export}, sent to RabbitMQ; no listener in this application.
 * @param exchange the exchange of the benchmark's run (named uniquely, then deleted)
 * @param id the order's id
 */
@Externalized("#{exchange()}::order.exported")
public record OrderExported(String exchange, long id) {
}
