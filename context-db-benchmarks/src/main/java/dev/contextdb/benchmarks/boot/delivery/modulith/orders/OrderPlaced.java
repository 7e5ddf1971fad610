package dev.contextdb.benchmarks.boot.delivery.modulith.orders;

/**
 * Published by {@link PlainOrderService#place}; shipping listens.
 * @param id the order's id
 */
public record OrderPlaced(long id) {
}
