package dev.contextdb.benchmarks.boot.events.contextdb.orders;

/**
 * Published by {@link OrderService#place}; shipping listens.
 * @param id the order's id
 */
public record OrderPlaced(long id) {
}
