package dev.contextdb.boot.datajdbc.orders;

import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/** An aggregate with a generated id and children in a table of their own. */
@Table("purchase_order")
public record PurchaseOrder(@Id Long id, String customer, @MappedCollection(idColumn = "order_id") Set<OrderLine> lines) {

    public static PurchaseOrder of(String customer, OrderLine... lines) {
        return new PurchaseOrder(null, customer, Set.of(lines));
    }
}
