package dev.contextdb.examples.shop.catalog;

/** A product of the catalogue; its price in cents. */
public record Product(long id, String name, long priceCents) {
}
