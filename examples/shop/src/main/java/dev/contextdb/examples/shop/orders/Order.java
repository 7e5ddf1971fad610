package dev.contextdb.examples.shop.orders;

/** An order as recorded. */
public record Order(String id, String customer, long productId, int quantity, long totalCents) {
}
