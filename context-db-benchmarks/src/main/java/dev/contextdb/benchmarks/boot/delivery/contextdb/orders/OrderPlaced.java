package dev.contextdb.benchmarks.boot.delivery.contextdb.orders;

/**
 * Published by {@link OrderService#place}; shipping listens.
 * @param id the order's id
 */
public record OrderPlaced(long id) {
}
