package dev.contextdb.boot.datajdbc.orders;

import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An aggregate with a generated id and children in a table of their own (order_line, whose
 * purchase_order column refers back). Names are Spring Data's defaults: an explicit name is quoted
 * as written, which H2 (upper-casing unquoted DDL) would not find.
 */
@Table
public record PurchaseOrder(@Id Long id, String customer, Set<OrderLine> lines) {

    public static PurchaseOrder of(String customer, OrderLine... lines) {
        return new PurchaseOrder(null, customer, Set.of(lines));
    }
}
