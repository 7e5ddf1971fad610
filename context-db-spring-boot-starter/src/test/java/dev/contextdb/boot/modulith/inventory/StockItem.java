package dev.contextdb.boot.modulith.inventory;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

@Entity
public class StockItem {

    @Id
    private String sku;

    private int quantity;

    protected StockItem() {
    }

    public StockItem(String sku, int quantity) {
        this.sku = sku;
        this.quantity = quantity;
    }

    public int getQuantity() {
        return quantity;
    }
}
