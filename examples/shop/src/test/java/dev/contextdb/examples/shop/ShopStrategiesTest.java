package dev.contextdb.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.test.TestDatabase;
import dev.contextdb.test.TestDatabase.Kind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The shop's use case, unchanged, under every strategy: the demo itself runs (as the README's
 * command does), and each context's tables are found where the strategy puts them.
 */
class ShopStrategiesTest {

    static final List<String> CONTEXTS = List.of("catalog", "inventory", "orders");

    enum Setup { H2_SHARED, H2_SCHEMA, H2_DATABASE, POSTGRES_SCHEMA_WITH_ROLES, MARIADB_SCHEMA, SPLIT }

    @ParameterizedTest
    @EnumSource(Setup.class)
    void theUseCaseRunsUnderEveryStrategy(Setup setup) {
        List<TestDatabase> databases = new ArrayList<>();
        try {
            List<String> args = new ArrayList<>();
            List<Consumer<String>> checks = new ArrayList<>();
            switch (setup) {
                case H2_SHARED -> {
                    TestDatabase h2 = track(databases, TestDatabase.h2());
                    args.add("--context-db.strategy=shared");
                    args.add("--context-db.datasource.url=" + h2.url());
                    args.add("--context-db.datasource.username=sa");
                    checks.add(out -> assertThat(h2.tablesIn("public")).contains("product", "stock", "customer_order",
                            "flyway_schema_history_catalog", "flyway_schema_history_orders"));
                }
                case H2_SCHEMA -> {
                    TestDatabase h2 = track(databases, TestDatabase.h2());
                    args.add("--context-db.datasource.url=" + h2.url());
                    args.add("--context-db.datasource.username=sa");
                    checks.add(out -> {
                        assertThat(h2.tablesIn("catalog")).containsExactly("flyway_schema_history", "product");
                        assertThat(h2.tablesIn("inventory")).containsExactly("flyway_schema_history", "stock");
                        assertThat(h2.tablesIn("orders")).containsExactly("customer_order", "flyway_schema_history");
                    });
                }
                case H2_DATABASE -> {
                    TestDatabase h2 = track(databases, TestDatabase.h2());
                    args.add("--context-db.strategy=database");
                    for (String context : CONTEXTS) {
                        String database = h2.createDatabase(context);
                        args.add("--context-db.contexts." + context + ".datasource.url=" + h2.urlOf(database));
                        args.add("--context-db.contexts." + context + ".datasource.username=sa");
                        checks.add(out -> assertThat(h2.tablesInDatabase(database)).hasSize(2));
                    }
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
                        checks.add(out -> assertThat(postgres.queryStrings("select tableowner from pg_tables where"
                                + " schemaname = '" + schema + "'")).isNotEmpty().containsOnly(role));
                    }
                }
                case MARIADB_SCHEMA -> {
                    TestDatabase mariadb = track(databases, TestDatabase.mariadb());
                    args.add("--spring.profiles.active=mariadb");
                    args.add("--context-db.datasource.url=" + mariadb.url());
                    for (String context : CONTEXTS) {
                        String schema = TestDatabase.uniqueName(context);
                        mariadb.dropSchemaLater(schema);
                        args.add("--context-db.contexts." + context + ".schema=" + schema);
                        checks.add(out -> assertThat(mariadb.tablesIn(schema)).hasSize(2));
                    }
                }
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
                    checks.add(out -> {
                        assertThat(postgres.tablesInDatabase(orders)).contains("customer_order");
                        assertThat(mariadb.tablesInDatabase(catalog)).contains("product");
                        assertThat(h2.tablesInDatabase(inventory)).contains("stock");
                    });
                }
            }
            String out = runDemo(args);
            assertThat(out)
                    .contains("placed 2 x product 1 for ada, total 5000 cents")
                    .contains("placed 1 x product 2 for grace, total 4000 cents")
                    .contains("refused for 'alan': Only 1 of product 2 in stock, 5 wanted")
                    .contains("refused for '': An order needs a customer");
            // The refused order with no customer had reserved a cup; the compensation put it back.
            assertThat(out).containsPattern("(?i)product_id=3, quantity=40");
            checks.forEach(check -> check.accept(out));
        } finally {
            databases.forEach(TestDatabase::close);
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
