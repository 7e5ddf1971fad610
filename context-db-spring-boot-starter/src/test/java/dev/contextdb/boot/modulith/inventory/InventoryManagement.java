package dev.contextdb.boot.modulith.inventory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Inventory's application service. */
@Service
public class InventoryManagement {

    private final StockItemRepository stock;

    public InventoryManagement(StockItemRepository stock) {
        this.stock = stock;
    }

    @Transactional
    public void receive(String sku, int quantity) {
        stock.save(new StockItem(sku, quantity));
    }

    @Transactional(readOnly = true)
    public int onHand(String sku) {
        return stock.findById(sku).map(StockItem::getQuantity).orElse(0);
    }
}
