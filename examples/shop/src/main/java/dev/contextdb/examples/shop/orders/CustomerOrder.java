package dev.contextdb.examples.shop.orders;

import java.util.List;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A customer's order, a Spring Data JDBC aggregate: the root in table {@code customer_order}, its
 * lines in {@code order_line}, saved and loaded together through orders' own database. Names are
 * derived, none written: Spring Data quotes written names, which H2 (upper-casing unquoted DDL)
 * would not find. The id is the order's own (a UUID), so {@code version} (null until the first
 * save) tells Spring Data that an order is new, and guards later updates.
 */
@Table
record CustomerOrder(@Id String id, String customer, long totalCents, List<OrderLine> lines, @Version Long version) {

    CustomerOrder {
        if (customer == null || customer.isBlank()) {
            throw new IllegalArgumentException("An order needs a customer");
        }
        lines = List.copyOf(lines);
    }

    static CustomerOrder place(String customer, List<OrderLine> lines) {
        long total = lines.stream().mapToLong(line -> line.quantity() * line.priceCents()).sum();
        return new CustomerOrder(UUID.randomUUID().toString(), customer, total, lines, null);
    }

    Order toOrder() {
        return new Order(id, customer, lines, totalCents);
    }
}
