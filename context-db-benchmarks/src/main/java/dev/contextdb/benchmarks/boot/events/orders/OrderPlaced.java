package dev.contextdb.benchmarks.boot.events.orders;

/**
 * Published when an order line is placed.
 * @param order the order
 * @param line its line
 */
public record OrderPlaced(long order, int line) {
}
