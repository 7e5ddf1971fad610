package dev.contextdb.test.app.orders;

/** Orders' event: an order was placed; shipping listens. */
public record OrderPlaced(String sku, int quantity) {
}
