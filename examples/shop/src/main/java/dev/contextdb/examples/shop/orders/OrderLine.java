package dev.contextdb.examples.shop.orders;

/**
 * A line of an order: which of catalog's products (by id, never catalog's entity), how many, and
 * the unit price catalog quoted when the order was placed. Stored in table {@code order_line} as
 * part of the {@link CustomerOrder} aggregate.
 */
public record OrderLine(long productId, int quantity, long priceCents) {
}
