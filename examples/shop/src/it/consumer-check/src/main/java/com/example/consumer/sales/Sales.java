package com.example.consumer.sales;

import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class Sales {

    private final SalesOrders orders;

    Sales(SalesOrders orders) {
        this.orders = orders;
    }

    @Transactional
    public String place(String customer, SalesLine... lines) {
        return orders.save(SalesOrder.of(customer, lines)).id();
    }

    /** The order's lines, loaded with the order in one sales transaction. */
    @Transactional(readOnly = true)
    public Set<SalesLine> linesOf(String id) {
        return orders.findById(id).map(SalesOrder::lines).orElseThrow();
    }
}
