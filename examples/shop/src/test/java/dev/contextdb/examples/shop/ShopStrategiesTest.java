package dev.contextdb.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.examples.shop.orders.OrderPlaced;
import dev.contextdb.test.TestDatabase;
import dev.contextdb.test.TestDatabase.Kind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The shop's use case, unchanged, under every strategy: the demo itself runs (as the README's
 * command does) with catalog on Spring Data JPA, orders on Spring Data JDBC and inventory on jOOQ,
 * switched by properties alone. Orders publishes {@code OrderPlaced}; inventory's listener reserves
 * the stock in its own transaction; a declined payment publishes nothing. The events' outbox,
 * deliveries and inbox are read where the strategy puts them. Each context's tables are found in the database's own catalog
 * where the strategy puts them, and the orders' rows are read back with SQL qualified by that
 * place, over a connection of the test's own.
 */
class ShopStrategiesTest {

    static final List<String> CONTEXTS = List.of("catalog", "inventory", "orders");

    enum Setup {
        H2_SHARED, H2_SCHEMA, H2_DATABASE,
        POSTGRES_SHARED, POSTGRES_SCHEMA_WITH_ROLES, POSTGRES_DATABASE,
        MARIADB_SHARED, MARIADB_SCHEMA, MARIADB_DATABASE,
        SPLIT
    }

    /**
     * Where a context's tables are: a schema of a server's base database ({@code prefix} qualifies
     * a table there) or a database of its own ({@code database}, unqualified tables).
     */
    record Place(TestDatabase server, String schema, String prefix, String database) {

        static Place schema(TestDatabase server, String schema) {
            // context-db creates an H2 schema with its name quoted, in lower case as written.
            boolean quoted = server.kind() == Kind.H2 && !schema.equals("public");
            return new Place(server, schema, quoted ? "\"" + schema + "\"." : schema + ".", null);
        }

        static Place database(TestDatabase server, String database) {
            return new Place(server, null, "", database);
        }

        List<String> tables() {
            return database == null ? server.tablesIn(schema) : server.tablesInDatabase(database);
        }

        List<String> query(String select, String table, String rest) {
            String sql = "select " + select + " from " + prefix + table + " " + rest;
            return database == null ? server.queryStrings(sql) : server.queryStringsIn(database, sql);
        }
    }

    @ParameterizedTest
    @EnumSource(Setup.class)
    void theUseCaseRunsUnderEveryStrategy(Setup setup) {
        List<TestDatabase> databases = new ArrayList<>();
        try {
            List<String> args = new ArrayList<>();
            Map<String, Place> places = new LinkedHashMap<>();
            List<Runnable> checks = new ArrayList<>();
            boolean shared = false;
            switch (setup) {
                case H2_SHARED -> {
                    TestDatabase h2 = track(databases, TestDatabase.h2());
                    shared = true;
                    args.add("--context-db.strategy=shared");
                    args.addAll(sharedDataSource(h2, h2.url()));
                    CONTEXTS.forEach(context -> places.put(context, Place.schema(h2, "public")));
                }
                case H2_SCHEMA -> {
                    TestDatabase h2 = track(databases, TestDatabase.h2());
                    args.addAll(sharedDataSource(h2, h2.url()));
                    CONTEXTS.forEach(context -> places.put(context, Place.schema(h2, context)));
                }
                case H2_DATABASE -> databasePerContext(track(databases, TestDatabase.h2()), args, places);
                case POSTGRES_SHARED -> {
                    TestDatabase postgres = track(databases, TestDatabase.postgres());
                    shared = true;
                    String schema = postgres.createSchema("shop");
                    args.add("--context-db.strategy=shared");
                    args.addAll(sharedDataSource(postgres, postgres.urlWithDefaultSchema(schema)));
                    CONTEXTS.forEach(context -> places.put(context, Place.schema(postgres, schema)));
                }
                case POSTGRES_SCHEMA_WITH_ROLES -> {
                    TestDatabase postgres = track(databases, TestDatabase.postgres());
                    args.add("--spring.profiles.active=postgres");
                    args.add("--context-db.datasource.url=" + postgres.url());
                    for (String context : CONTEXTS) {
                        String schema = TestDatabase.uniqueName(context);
                        String role = TestDatabase.uniqueName(context + "_role");
                        postgres.dropRoleLater(role);
                        postgres.dropSchemaLater(schema);
                        args.add("--context-db.contexts." + context + ".schema=" + schema);
                        args.add("--context-db.contexts." + context + ".datasource.username=" + role);
                        places.put(context, Place.schema(postgres, schema));
                        checks.add(() -> assertThat(postgres.queryStrings("select tableowner from pg_tables where"
                                + " schemaname = '" + schema + "'")).isNotEmpty().containsOnly(role));
                    }
                }
                case POSTGRES_DATABASE -> databasePerContext(track(databases, TestDatabase.postgres()), args, places);
                case MARIADB_SHARED -> {
                    TestDatabase mariadb = track(databases, TestDatabase.mariadb());
                    shared = true;
                    String schema = mariadb.createSchema("shop");
                    args.add("--context-db.strategy=shared");
                    args.addAll(sharedDataSource(mariadb, mariadb.urlWithDefaultSchema(schema)));
                    CONTEXTS.forEach(context -> places.put(context, Place.schema(mariadb, schema)));
                }
                case MARIADB_SCHEMA -> {
                    TestDatabase mariadb = track(databases, TestDatabase.mariadb());
                    args.add("--spring.profiles.active=mariadb");
                    args.add("--context-db.datasource.url=" + mariadb.url());
                    for (String context : CONTEXTS) {
                        String schema = TestDatabase.uniqueName(context);
                        mariadb.dropSchemaLater(schema);
                        args.add("--context-db.contexts." + context + ".schema=" + schema);
                        places.put(context, Place.schema(mariadb, schema));
                    }
                }
                case MARIADB_DATABASE -> databasePerContext(track(databases, TestDatabase.mariadb()), args, places);
                case SPLIT -> {
                    TestDatabase postgres = track(databases, TestDatabase.postgres());
                    TestDatabase mariadb = track(databases, TestDatabase.mariadb());
                    TestDatabase h2 = track(databases, TestDatabase.h2());
                    String orders = postgres.createDatabase("orders");
                    String catalog = mariadb.createDatabase("catalog");
                    String inventory = h2.createDatabase("inventory");
                    args.add("--spring.profiles.active=split");
                    args.add("--context-db.contexts.orders.datasource.url=" + postgres.urlOf(orders));
                    args.add("--context-db.contexts.catalog.datasource.url=" + mariadb.urlOf(catalog));
                    args.add("--context-db.contexts.inventory.datasource.url=" + h2.urlOf(inventory));
                    places.put("catalog", Place.database(mariadb, catalog));
                    places.put("inventory", Place.database(h2, inventory));
                    places.put("orders", Place.database(postgres, orders));
                }
            }

            String out = runDemo(args);
            assertThat(out)
                    .contains("placed 2 x product 1 for ada, total 5000 cents")
                    .contains("placed 1 x product 2 for grace, total 4000 cents")
                    .contains("refused for 'alan': Only 1 of product 2 in stock, 5 wanted")
                    .contains("declined for 'mallory': Payment declined for mallory: 12000 cents is over the limit"
                            + " of 10000 cents")
                    .contains("orders' outbox: 2 OrderPlaced delivered, 0 pending, 0 dead")
                    .contains("  ada: 2 x product 1, total 5000 cents\n  grace: 1 x product 2, total 4000 cents\n");
            // Inventory's listener reserved for ada and grace; the declined order published nothing: 40 cups.
            assertThat(out).containsPattern("(?i)product_id=3, quantity=40");

            String outbox = shared ? "cdb_outbox_orders" : "cdb_outbox";
            String delivery = shared ? "cdb_delivery_orders" : "cdb_delivery";
            String inbox = shared ? "cdb_inbox_inventory" : "cdb_inbox";
            if (shared) {
                assertThat(places.get("orders").tables()).contains("product", "stock", "customer_order", "order_line",
                        "flyway_schema_history_catalog", "flyway_schema_history_inventory",
                        "flyway_schema_history_orders", "cdb_outbox_orders", "cdb_delivery_orders",
                        "cdb_inbox_inventory", "cdb_events_history_orders", "cdb_events_history_inventory");
            } else {
                List<String> events = List.of("cdb_delivery", "cdb_events_history", "cdb_inbox", "cdb_outbox");
                assertThat(places.get("catalog").tables()).containsExactlyInAnyOrderElementsOf(
                        with(events, "flyway_schema_history", "product"));
                assertThat(places.get("inventory").tables()).containsExactlyInAnyOrderElementsOf(
                        with(events, "flyway_schema_history", "stock"));
                assertThat(places.get("orders").tables()).containsExactlyInAnyOrderElementsOf(
                        with(events, "customer_order", "flyway_schema_history", "order_line"));
            }
            // The two events are in orders' outbox, delivered; inventory's inbox holds each once.
            assertThat(places.get("orders").query("event_type", outbox, ""))
                    .containsExactly(OrderPlaced.class.getName(), OrderPlaced.class.getName());
            assertThat(places.get("orders").query("status", delivery, "")).containsExactly("DONE", "DONE");
            assertThat(places.get("inventory").query("listener_id", inbox, ""))
                    .containsExactly("inventory.reserve-order", "inventory.reserve-order");
            // What each technology wrote or read is in its context's place.
            assertThat(places.get("catalog").query("name", "product", "order by id"))
                    .containsExactly("Teapot", "Kettle", "Cup");
            assertThat(places.get("orders").query("customer", "customer_order", "order by customer"))
                    .containsExactly("ada", "grace");
            assertThat(places.get("orders").query("product_id", "order_line", "order by product_id"))
                    .containsExactly("1", "2");
            assertThat(places.get("inventory").query("quantity", "stock", "order by product_id"))
                    .containsExactly("3", "1", "40");
            checks.forEach(Runnable::run);
        } finally {
            databases.forEach(TestDatabase::close);
        }
    }

    private static List<String> with(List<String> tables, String... more) {
        List<String> all = new ArrayList<>(tables);
        all.addAll(List.of(more));
        return all;
    }

    private static List<String> sharedDataSource(TestDatabase server, String url) {
        return List.of("--context-db.datasource.url=" + url, "--context-db.datasource.username=" + server.username(),
                "--context-db.datasource.password=" + server.password());
    }

    private static void databasePerContext(TestDatabase server, List<String> args, Map<String, Place> places) {
        args.add("--context-db.strategy=database");
        for (String context : CONTEXTS) {
            String database = server.createDatabase(context);
            String prefix = "--context-db.contexts." + context + ".datasource.";
            args.add(prefix + "url=" + server.urlOf(database));
            args.add(prefix + "username=" + server.username());
            args.add(prefix + "password=" + server.password());
            places.put(context, Place.database(server, database));
        }
    }

    private static TestDatabase track(List<TestDatabase> databases, TestDatabase database) {
        databases.add(database);
        return database;
    }

    static String runDemo(List<String> args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ShopDemo.run(new PrintStream(buffer, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
        String out = buffer.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        return out;
    }
}
