package dev.contextdb.modulithfixture.shop.orders;

public record Order(long id) {
}
