package dev.contextdb.examples.shop.orders;

import java.util.List;

/** An order as recorded, as orders hands it out (never its aggregate). */
public record Order(String id, String customer, List<OrderLine> lines, long totalCents) {
}
