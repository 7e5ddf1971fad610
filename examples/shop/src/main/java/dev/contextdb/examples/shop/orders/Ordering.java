package dev.contextdb.examples.shop.orders;

import dev.contextdb.examples.shop.catalog.Catalog;
import dev.contextdb.examples.shop.catalog.Product;
import dev.contextdb.examples.shop.inventory.Inventory;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Placing an order crosses three contexts the right way: it asks catalog's application service
 * for the price, asks inventory's to reserve the stock, and records the order in its own book.
 *
 * <p>Each step is atomic in its own context, under every strategy; the three together are not,
 * not even under SHARED (one database), because every context keeps its own transactions. So
 * when the order cannot be recorded after the stock was reserved, the reservation is released
 * again — a compensation, not a rollback.
 */
@Service
public class Ordering {

    private final Catalog catalog;
    private final Inventory inventory;
    private final OrderBook book;

    Ordering(Catalog catalog, Inventory inventory, OrderBook book) {
        this.catalog = catalog;
        this.inventory = inventory;
        this.book = book;
    }

    public Order place(String customer, long productId, int quantity) {
        Product product = catalog.product(productId)
                .orElseThrow(() -> new IllegalArgumentException("No product " + productId));
        inventory.reserve(productId, quantity);
        try {
            // One save, one orders transaction: the order's row and its lines' rows.
            return book.save(CustomerOrder.place(customer, List.of(new OrderLine(productId, quantity,
                    product.priceCents())))).toOrder();
        } catch (RuntimeException e) {
            inventory.release(productId, quantity);
            throw e;
        }
    }

    /** Read in one orders transaction, so that each order and its lines come from one connection. */
    @Transactional(readOnly = true)
    public List<Order> orders() {
        return book.findAll(Sort.by("customer", "id")).stream().map(CustomerOrder::toOrder).toList();
    }
}
