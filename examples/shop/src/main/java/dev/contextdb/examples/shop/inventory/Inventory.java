package dev.contextdb.examples.shop.inventory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The inventory's application service; each method is one inventory transaction. */
@Service
public class Inventory {

    private final StockLevels stock;

    Inventory(StockLevels stock) {
        this.stock = stock;
    }

    @Transactional(readOnly = true)
    public int available(long productId) {
        return stock.available(productId);
    }

    /** Takes {@code quantity} off the shelf, or throws {@link OutOfStock} and takes nothing. */
    @Transactional
    public void reserve(long productId, int quantity) {
        if (!stock.take(productId, quantity)) {
            throw new OutOfStock(productId, quantity, stock.available(productId));
        }
    }

    /** Puts a reservation back (the compensation when an order cannot be recorded). */
    @Transactional
    public void release(long productId, int quantity) {
        stock.putBack(productId, quantity);
    }
}
