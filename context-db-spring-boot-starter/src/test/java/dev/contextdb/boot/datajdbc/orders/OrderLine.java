package dev.contextdb.boot.datajdbc.orders;

import org.springframework.data.relational.core.mapping.Table;

/** A child of {@link PurchaseOrder}, in table order_line. */
@Table
public record OrderLine(String product, int quantity) {
}
