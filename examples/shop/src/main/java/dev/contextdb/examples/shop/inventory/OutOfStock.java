package dev.contextdb.examples.shop.inventory;

/** Not enough of a product to reserve. */
public class OutOfStock extends RuntimeException {

    public OutOfStock(long productId, int wanted, int available) {
        super("Only " + available + " of product " + productId + " in stock, " + wanted + " wanted");
    }
}
