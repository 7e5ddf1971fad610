package dev.contextdb.examples.shop.orders;

import dev.contextdb.examples.shop.catalog.Catalog;
import dev.contextdb.examples.shop.catalog.Product;
import dev.contextdb.examples.shop.inventory.Inventory;
import dev.contextdb.examples.shop.inventory.OutOfStock;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Placing an order: orders asks catalog's application service for the price and inventory's for
 * what is in stock, then, in one transaction of its own, records the order, publishes
 * {@link OrderPlaced} and charges the payment. Inventory reserves the stock in its
 * {@code @ApplicationModuleListener}, after orders commits, in a transaction of inventory.
 *
 * <p>Contexts never share a transaction, under any strategy. The event is what makes the two
 * steps reliable without one: it is stored in orders' outbox with the order, or not at all. A
 * declined payment rolls back the order and the event together, so inventory never reserves
 * anything for it; a committed order's event reaches inventory once, even across a crash.
 */
@Service
public class Ordering {

    private final Catalog catalog;
    private final Inventory inventory;
    private final OrderBook book;
    private final Payments payments;
    private final ApplicationEventPublisher events;
    private final TransactionOperations transaction;

    /** {@code transaction} is orders' own {@code ordersTransactionTemplate}: unqualified, inside orders. */
    Ordering(Catalog catalog, Inventory inventory, OrderBook book, Payments payments, ApplicationEventPublisher events,
            TransactionOperations transaction) {
        this.catalog = catalog;
        this.inventory = inventory;
        this.book = book;
        this.payments = payments;
        this.events = events;
        this.transaction = transaction;
    }

    /**
     * Records an order and publishes {@link OrderPlaced}, in one orders transaction.
     * @throws OutOfStock when inventory has fewer than {@code quantity} (nothing recorded)
     * @throws PaymentDeclined when the payment is declined (nothing recorded, nothing published)
     */
    public Order place(String customer, long productId, int quantity) {
        Product product = catalog.product(productId)
                .orElseThrow(() -> new IllegalArgumentException("No product " + productId));
        int available = inventory.available(productId);
        if (available < quantity) {
            throw new OutOfStock(productId, quantity, available);
        }
        return transaction.execute(status -> {
            // One save: the order's row and its lines' rows.
            Order order = book.save(CustomerOrder.place(customer, List.of(new OrderLine(productId, quantity,
                    product.priceCents())))).toOrder();
            events.publishEvent(new OrderPlaced(order.id(), order.customer(), order.lines()));
            payments.charge(customer, order.totalCents());
            return order;
        });
    }

    /** Read in one orders transaction, so that each order and its lines come from one connection. */
    @Transactional(readOnly = true)
    public List<Order> orders() {
        return book.findAll(Sort.by("customer", "id")).stream().map(CustomerOrder::toOrder).toList();
    }
}
