package com.example.consumer.sales;

import java.util.Set;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A Spring Data JDBC aggregate: the root in sales_order, its lines (a @MappedCollection by
 * default) in sales_line. Its id is its own; the version, null until saved, says it is new.
 */
@Table
record SalesOrder(@Id String id, String customer, Set<SalesLine> lines, @Version Long version) {

    static SalesOrder of(String customer, SalesLine... lines) {
        return new SalesOrder(UUID.randomUUID().toString(), customer, Set.of(lines), null);
    }
}
