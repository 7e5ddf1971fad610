package dev.contextdb.test.app.orders;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table
public record PurchaseOrder(@Id Long id, String sku, int quantity) {
}
