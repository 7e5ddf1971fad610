package dev.contextdb.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextEvents;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.boot.ContextDbMove;
import dev.contextdb.examples.shop.orders.Order;
import dev.contextdb.examples.shop.orders.Ordering;
import dev.contextdb.test.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The guide "Moving a context", run: the shop's {@code inventory} moves on PostgreSQL from
 * {@code SHARED} to {@code SCHEMA} to {@code DATABASE} (another database) and back to
 * {@code SCHEMA} and {@code SHARED}, each time through the move command's main as a user runs it
 * (the application's configuration plus the target on the command line). After each move the
 * shop starts on the new placement with no code changed, migrates nothing for inventory, still
 * has every stock row, and places an order whose {@code OrderPlaced} inventory's listener
 * applies where inventory now lives. The sources left by the two copies are dropped with
 * {@code --drop-source} once the shop ran on the target.
 */
class ShopMoveTest {

    @Test
    void inventoryMovesSharedSchemaDatabaseAndBackWithTheShopRunningOnEachPlacement() {
        try (TestDatabase postgres = TestDatabase.postgres()) {
            String shared = postgres.createSchema("shop");
            String schema = TestDatabase.uniqueName("inventory");
            postgres.dropSchemaLater(schema);
            String database = postgres.createDatabase("inventory");
            Place inShared = new Place(postgres, shared, null);
            Place inSchema = new Place(postgres, schema, null);
            Place inDatabase = new Place(postgres, null, database);

            List<String> sharedConfig = List.of("--context-db.strategy=shared",
                    "--context-db.datasource.url=" + postgres.urlWithDefaultSchema(shared),
                    "--context-db.datasource.username=" + postgres.username(),
                    "--context-db.datasource.password=" + postgres.password());
            List<String> schemaConfig = with(sharedConfig, "--context-db.contexts.inventory.strategy=schema",
                    "--context-db.contexts.inventory.schema=" + schema);
            List<String> databaseConfig = with(sharedConfig, "--context-db.contexts.inventory.strategy=database",
                    "--context-db.contexts.inventory.datasource.url=" + postgres.urlOf(database),
                    "--context-db.contexts.inventory.datasource.username=" + postgres.username(),
                    "--context-db.contexts.inventory.datasource.password=" + postgres.password());

            // SHARED, as the shop starts: 5 teapots, 2 kettles, 40 cups; ada takes 2 teapots.
            shop(sharedConfig, IsolationStrategy.SHARED, "ada", 1, 2);
            assertThat(inShared.stock()).containsExactly("1:3", "2:2", "3:40");

            // SHARED → SCHEMA: the tables change schema on the same server.
            assertThat(move(sharedConfig, "inventory", "--to=SCHEMA", "--schema=" + schema))
                    .contains("Moved context 'inventory'").contains("context-db.contexts.inventory.strategy=schema");
            assertThat(inSchema.stock()).containsExactly("1:3", "2:2", "3:40");
            assertThat(postgres.tablesIn(shared)).doesNotContain("stock", "flyway_schema_history_inventory",
                    "cdb_inbox_inventory");
            shop(schemaConfig, IsolationStrategy.SCHEMA, "grace", 2, 1);
            assertThat(inSchema.stock()).containsExactly("1:3", "2:1", "3:40");

            // SCHEMA → DATABASE: copied, verified, switched; the schema stays until --drop-source.
            assertThat(move(schemaConfig, "inventory", "--to=DATABASE", "--url=" + postgres.urlOf(database),
                    "--username=" + postgres.username(), "--password=" + postgres.password()))
                    .contains("Moved context 'inventory'").contains("stock: 3 rows");
            assertThat(inDatabase.stock()).containsExactly("1:3", "2:1", "3:40");
            shop(databaseConfig, IsolationStrategy.DATABASE, "alan", 3, 1);
            assertThat(inDatabase.stock()).containsExactly("1:3", "2:1", "3:39");
            assertThat(inSchema.stock()).containsExactly("1:3", "2:1", "3:40");
            move(schemaConfig, "inventory", "--to=DATABASE", "--url=" + postgres.urlOf(database),
                    "--username=" + postgres.username(), "--password=" + postgres.password(), "--drop-source");
            assertThat(postgres.queryStrings("select count(*) from information_schema.schemata where schema_name = '"
                    + schema + "'")).containsExactly("0");

            // DATABASE → SCHEMA: copied back into the shared database.
            assertThat(move(databaseConfig, "inventory", "--to=SCHEMA", "--schema=" + schema))
                    .contains("Moved context 'inventory'");
            assertThat(inSchema.stock()).containsExactly("1:3", "2:1", "3:39");
            shop(schemaConfig, IsolationStrategy.SCHEMA, "bob", 1, 1);
            assertThat(inSchema.stock()).containsExactly("1:2", "2:1", "3:39");
            move(databaseConfig, "inventory", "--to=SCHEMA", "--schema=" + schema, "--drop-source");
            assertThat(postgres.tablesInDatabase(database)).doesNotContain("stock", "flyway_schema_history");

            // SCHEMA → SHARED: back where it started.
            assertThat(move(schemaConfig, "inventory", "--to=SHARED")).contains("Moved context 'inventory'");
            assertThat(inShared.stock()).containsExactly("1:2", "2:1", "3:39");
            shop(sharedConfig, IsolationStrategy.SHARED, "eve", 3, 2);
            assertThat(inShared.stock()).containsExactly("1:2", "2:1", "3:37");
        }
    }

    /** Where inventory's stock table is: a schema of the test database, or a database of its own. */
    record Place(TestDatabase server, String schema, String database) {

        List<String> stock() {
            String select = "select product_id || ':' || quantity from " + (schema == null ? "" : schema + ".")
                    + "stock order by product_id";
            return database == null ? server.queryStrings(select) : server.queryStringsIn(database, select);
        }
    }

    /** Runs the move command as a user would, with the application's configuration on its command line. */
    private static String move(List<String> configuration, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.add("--application=" + ShopApplication.class.getName());
        args.addAll(configuration);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ContextDbMove.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
        String output = out.toString(StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(err.toString(StandardCharsets.UTF_8)).as("the command's errors").isEmpty();
        assertThat(code).isZero();
        return output;
    }

    /**
     * Starts the shop on {@code configuration}, checks where inventory is and that it migrated
     * nothing there, places one order, waits until inventory's listener has applied it, and stops.
     */
    private static void shop(List<String> configuration, IsolationStrategy inventory, String customer, long product,
            int quantity) {
        SpringApplication application = new SpringApplication(ShopApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        List<String> args = with(configuration, "--spring.main.banner-mode=off");
        try (ConfigurableApplicationContext shop = application.run(args.toArray(String[]::new))) {
            ContextDb contextDb = shop.getBean(ContextDb.class);
            assertThat(contextDb.placement("inventory").strategy()).isEqualTo(inventory);
            assertThat(contextDb.migrations().get("inventory").version()).isEqualTo("2");
            if (inventory != IsolationStrategy.SHARED || !customer.equals("ada")) {
                assertThat(contextDb.migrations().get("inventory").applied()).as("migrations run after the move")
                        .isZero();
            }
            Order order = shop.getBean(Ordering.class).place(customer, product, quantity);
            assertThat(order.customer()).isEqualTo(customer);
            ContextEvents events = shop.getBean(ContextEvents.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (events.count("orders", "PENDING") > 0) {
                assertThat(System.nanoTime()).as("inventory applies the order within 30 s; dead: " + events.dead())
                        .isLessThan(deadline);
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
            assertThat(events.dead()).isEmpty();
        }
    }

    private static List<String> with(List<String> list, String... more) {
        List<String> all = new ArrayList<>(list);
        all.addAll(List.of(more));
        return all;
    }
}
