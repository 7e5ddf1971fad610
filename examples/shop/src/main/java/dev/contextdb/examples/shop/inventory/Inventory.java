package dev.contextdb.examples.shop.inventory;

import dev.contextdb.examples.shop.orders.OrderLine;
import dev.contextdb.examples.shop.orders.OrderPlaced;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The inventory's application service: stock levels, and the reservation of each placed order. */
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

    /**
     * Reserves the stock of a placed order: called by context-db after orders commits, in a new
     * inventory transaction that also records the event in inventory's inbox, so a repeated
     * delivery reserves nothing twice. Should the stock have gone in the meantime, {@link OutOfStock}
     * rolls the whole order's reservation back; the delivery is retried, then dead (visible and
     * resubmittable through {@code ContextEvents}) until stock arrives.
     */
    @ApplicationModuleListener(id = "inventory.reserve-order")
    void reserve(OrderPlaced placed) {
        for (OrderLine line : placed.lines()) {
            if (!stock.take(line.productId(), line.quantity())) {
                throw new OutOfStock(line.productId(), line.quantity(), stock.available(line.productId()));
            }
        }
    }
}
