package dev.contextdb.examples.shop;

import dev.contextdb.ContextDb;
import dev.contextdb.MigrationResult;
import dev.contextdb.Placement;
import dev.contextdb.examples.shop.inventory.OutOfStock;
import dev.contextdb.examples.shop.orders.Order;
import dev.contextdb.examples.shop.orders.Ordering;
import java.io.PrintStream;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The README's demo: starts the shop without a web server (embedded H2 unless a profile says
 * otherwise), places a few orders, prints where each context lives and what rows it holds, and
 * exits. Arguments are passed to Spring Boot, for example {@code --spring.profiles.active=postgres}.
 */
public final class ShopDemo {

    private static final Map<String, String> TABLES = Map.of("catalog", "product", "inventory", "stock",
            "orders", "customer_order");

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
            out.println("Placing orders (catalog gives the price, inventory reserves, orders records):");
            place(out, ordering, "ada", 1, 2);
            place(out, ordering, "grace", 2, 1);
            place(out, ordering, "alan", 2, 5);   // only 1 kettle left: refused, nothing recorded
            place(out, ordering, "", 3, 1);       // no customer: the reservation is released again

            out.println();
            out.println("Rows per context, read through each context's own DataSource:");
            for (Placement placement : contextDb.placements()) {
                String table = TABLES.get(placement.context());
                JdbcTemplate jdbc = new JdbcTemplate(contextDb.dataSource(placement.context()));
                out.println("  " + placement.context() + "." + table + ": "
                        + jdbc.queryForList("select * from " + table).stream()
                                .map(Object::toString).toList());
            }
        }
    }

    private static void place(PrintStream out, Ordering ordering, String customer, long productId, int quantity) {
        try {
            Order order = ordering.place(customer, productId, quantity);
            out.println("  placed " + order.quantity() + " x product " + order.productId() + " for " + order.customer()
                    + ", total " + order.totalCents() + " cents");
        } catch (OutOfStock | IllegalArgumentException refused) {
            out.println("  refused for '" + customer + "': " + refused.getMessage());
        }
    }
}
