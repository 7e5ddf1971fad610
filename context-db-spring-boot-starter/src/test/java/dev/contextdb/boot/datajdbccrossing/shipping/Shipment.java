package dev.contextdb.boot.datajdbccrossing.shipping;

import dev.contextdb.boot.datajdbccrossing.billing.Invoice;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** Holds billing's Invoice as part of itself, where it should hold the invoice's id. */
@Table
public record Shipment(@Id Long id, Invoice invoice) {
}
