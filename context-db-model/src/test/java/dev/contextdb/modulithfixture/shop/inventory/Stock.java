package dev.contextdb.modulithfixture.shop.inventory;

public record Stock(String sku, int quantity) {
}
