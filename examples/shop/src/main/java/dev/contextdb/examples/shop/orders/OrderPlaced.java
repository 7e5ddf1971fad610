package dev.contextdb.examples.shop.orders;

import java.util.List;

/**
 * An order was recorded: what orders publishes, in the transaction that records the order, for
 * other contexts to react to in theirs (inventory reserves the stock). A record of ids and
 * numbers, never the aggregate, so that it round-trips through the outbox as JSON.
 */
public record OrderPlaced(String orderId, String customer, List<OrderLine> lines) {

    public OrderPlaced {
        lines = List.copyOf(lines);
    }
}
