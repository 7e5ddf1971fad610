package dev.contextdb.examples.shop;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextEvents;
import dev.contextdb.MigrationResult;
import dev.contextdb.Placement;
import dev.contextdb.examples.shop.inventory.OutOfStock;
import dev.contextdb.examples.shop.orders.Order;
import dev.contextdb.examples.shop.orders.OrderLine;
import dev.contextdb.examples.shop.orders.Ordering;
import dev.contextdb.examples.shop.orders.PaymentDeclined;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The README's demo: starts the shop without a web server (embedded H2 unless a profile says
 * otherwise), places a few orders, waits until inventory's listener has applied their
 * {@code OrderPlaced} events, prints where each context lives and what rows it holds, and exits. Arguments are passed to Spring Boot, for example {@code --spring.profiles.active=postgres}.
 */
public final class ShopDemo {

    private static final Map<String, List<String>> TABLES = Map.of("catalog", List.of("product"), "inventory",
            List.of("stock"), "orders", List.of("customer_order", "order_line"));

    private ShopDemo() {
    }

    public static void main(String[] args) {
        run(System.out, args);
    }

    /** Runs the demo, printing to {@code out}. */
    public static void run(PrintStream out, String... args) {
        SpringApplication application = new SpringApplication(ShopApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext shop = application.run(args)) {
            Ordering ordering = shop.getBean(Ordering.class);
            ContextDb contextDb = shop.getBean(ContextDb.class);

            out.println();
            out.println("Where each context lives:");
            for (Placement placement : contextDb.placements()) {
                MigrationResult migration = contextDb.migrations().get(placement.context());
                out.println("  " + placement.describe() + (migration == null ? ""
                        : "; migrations at version " + migration.version() + " in " + migration.historyTable()));
            }

            out.println();
            out.println("Placing orders (catalog gives the price, inventory says what is in stock; orders records the"
                    + " order and publishes OrderPlaced in one orders transaction):");
            place(out, ordering, "ada", 1, 2);
            place(out, ordering, "grace", 2, 1);
            ContextEvents events = shop.getBean(ContextEvents.class);
            awaitInventory(events);
            out.println("  inventory reserved their stock in its listener, after orders committed, in an inventory"
                    + " transaction, once per order (" + events.count("orders", "DONE") + " OrderPlaced delivered)");

            out.println();
            out.println("Orders that fail publish nothing:");
            place(out, ordering, "alan", 2, 5);      // only 1 kettle left: refused, nothing recorded
            place(out, ordering, "mallory", 3, 20);  // 12000 cents: payment declined, order and event rolled back
            awaitInventory(events);
            out.println("  orders' outbox: " + events.count("orders", "DONE") + " OrderPlaced delivered, "
                    + events.count("orders", "PENDING") + " pending, " + events.count("orders", "DEAD")
                    + " dead: the declined order left no event, so no stale reservation");

            out.println();
            out.println("Orders as orders reads them back (each order with its lines, from orders' own database):");
            for (Order order : ordering.orders()) {
                out.println("  " + order.customer() + ": " + describe(order.lines()) + ", total " + order.totalCents()
                        + " cents");
            }

            out.println();
            out.println("Rows per context, read through each context's own DataSource:");
            for (Placement placement : contextDb.placements()) {
                JdbcTemplate jdbc = new JdbcTemplate(contextDb.dataSource(placement.context()));
                for (String table : TABLES.get(placement.context())) {
                    out.println("  " + placement.context() + "." + table + ": "
                            + jdbc.queryForList("select * from " + table).stream()
                                    .map(Object::toString).toList());
                }
            }
        }
    }

    private static void place(PrintStream out, Ordering ordering, String customer, long productId, int quantity) {
        try {
            Order order = ordering.place(customer, productId, quantity);
            out.println("  placed " + describe(order.lines()) + " for " + order.customer() + ", total "
                    + order.totalCents() + " cents");
        } catch (OutOfStock | IllegalArgumentException refused) {
            out.println("  refused for '" + customer + "': " + refused.getMessage());
        } catch (PaymentDeclined declined) {
            out.println("  declined for '" + customer + "': " + declined.getMessage());
        }
    }

    /**
     * Inventory's listener runs asynchronously, after each orders commit: polls (never sleeps a
     * fixed time) until no delivery of orders' outbox is pending, for at most 30 s.
     */
    private static void awaitInventory(ContextEvents events) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (events.count("orders", "PENDING") > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Inventory has not applied orders' events within 30 s: "
                        + events.count("orders", "PENDING") + " pending, dead: " + events.dead());
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    private static String describe(List<OrderLine> lines) {
        return lines.stream().map(line -> line.quantity() + " x product " + line.productId())
                .collect(Collectors.joining(", "));
    }
}
