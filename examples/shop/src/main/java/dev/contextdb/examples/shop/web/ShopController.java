package dev.contextdb.examples.shop.web;

import dev.contextdb.examples.shop.catalog.Catalog;
import dev.contextdb.examples.shop.catalog.Product;
import dev.contextdb.examples.shop.inventory.Inventory;
import dev.contextdb.examples.shop.inventory.OutOfStock;
import dev.contextdb.examples.shop.orders.Order;
import dev.contextdb.examples.shop.orders.Ordering;
import dev.contextdb.examples.shop.orders.PaymentDeclined;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** HTTP for the use case. It sits outside every context and talks to their application services. */
@RestController
public class ShopController {

    private final Catalog catalog;
    private final Inventory inventory;
    private final Ordering ordering;

    public ShopController(Catalog catalog, Inventory inventory, Ordering ordering) {
        this.catalog = catalog;
        this.inventory = inventory;
        this.ordering = ordering;
    }

    @GetMapping("/products")
    public List<Product> products() {
        return catalog.products();
    }

    @GetMapping("/stock/{productId}")
    public Map<String, Object> stock(@PathVariable long productId) {
        return Map.of("productId", productId, "available", inventory.available(productId));
    }

    @GetMapping("/orders")
    public List<Order> orders() {
        return ordering.orders();
    }

    @PostMapping("/orders")
    @ResponseStatus(HttpStatus.CREATED)
    public Order place(@RequestBody OrderRequest request) {
        return ordering.place(request.customer(), request.productId(), request.quantity());
    }

    @ExceptionHandler({OutOfStock.class, IllegalArgumentException.class})
    @ResponseStatus(HttpStatus.CONFLICT)
    public Map<String, String> refused(RuntimeException e) {
        return Map.of("error", e.getMessage());
    }

    @ExceptionHandler(PaymentDeclined.class)
    @ResponseStatus(HttpStatus.PAYMENT_REQUIRED)
    public Map<String, String> declined(PaymentDeclined e) {
        return Map.of("error", e.getMessage());
    }

    /** What a customer orders. */
    public record OrderRequest(String customer, long productId, int quantity) {
    }
}
