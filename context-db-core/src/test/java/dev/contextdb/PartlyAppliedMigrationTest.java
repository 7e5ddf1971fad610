package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A multi-statement script that fails part-way, then the starts after it is fixed. PostgreSQL
 * rolls the script back; MariaDB and H2 keep every statement up to the last DDL before the
 * failure, and Flyway records the script as failed, so starts fail until the history is repaired.
 * The other contexts, on the same server (under SHARED in the same schema), are neither harmed
 * nor migrated half: catalog, before orders, is wholly migrated; shipping, after it, not at all.
 */
class PartlyAppliedMigrationTest {

    private static final String HALF = """
            create table orders_note (id int primary key);
            insert into orders_note (id) values (1);
            alter table orders_line add column qty int;
            insert into orders_line (id) values (7);

            update orders_line set qtty = 1;
            create table orders_after (id int);
            """;

    private static final ContextModel MODEL = ContextModel.of(
            ContextDefinition.of("catalog", "dev.contextdb.fixtures.partly.catalog"),
            ContextDefinition.of("orders", "dev.contextdb.fixtures.partly.orders"),
            ContextDefinition.of("shipping", "dev.contextdb.fixtures.partly.shipping"));

    @TempDir
    Path scripts;

    static Stream<Arguments> placements() {
        List<Arguments> all = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (IsolationStrategy strategy : new IsolationStrategy[] {IsolationStrategy.SCHEMA, IsolationStrategy.SHARED}) {
                all.add(Arguments.of(kind, strategy));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("placements")
    void aScriptFailingPartWaySaysWhatStaysAndWhatToRunAndTouchesNoOtherContext(Kind kind, IsolationStrategy strategy)
            throws IOException {
        script("catalog", "V1__item.sql", "create table catalog_item (id int primary key);\n"
                + "insert into catalog_item (id) values (1);\n");
        script("orders", "V1__line.sql", "create table orders_line (id int primary key);\n"
                + "insert into orders_line (id) values (1);\n");
        script("shipping", "V1__parcel.sql", "create table shipping_parcel (id int primary key);\n"
                + "insert into shipping_parcel (id) values (1);\n");
        try (Scenario scenario = new Scenario(kind, strategy, Pooling.PER_CONTEXT)) {
            try (ContextDb db = locations(scenario.builder(MODEL)).build()) {
                assertThat(db.migrations().get("orders").version()).isEqualTo("1");
            }
            script("catalog", "V2__tag.sql", "create table catalog_tag (id int primary key);\n"
                    + "insert into catalog_tag (id) values (2);\n");
            script("orders", "V2__half.sql", HALF);
            script("shipping", "V2__label.sql", "create table shipping_label (id int primary key);\n");
            boolean rolledBack = kind == Kind.POSTGRESQL;
            String historyTable = strategy == IsolationStrategy.SHARED ? "flyway_schema_history_orders"
                    : scenario.placeOf("orders") + ".flyway_schema_history";

            assertThatThrownBy(() -> locations(scenario.restart(MODEL)).build())
                    .isInstanceOf(ContextDbMigrationException.class)
                    .hasMessage("Migration of context 'orders' failed in script V2__half.sql: " + unknownColumn(kind)
                            + " (line 6: update orders_line set qtty = 1). " + (rolledBack
                                    ? "PostgreSQL rolled V2__half.sql back as a whole: context 'orders' is still at"
                                            + " version 1 and its history has no entry for V2__half.sql. Fix: correct"
                                            + " V2__half.sql and restart; it runs again from its first statement."
                                    : vendor(kind) + " cannot roll back DDL: V2__half.sql is partly applied, and"
                                            + " the history of context 'orders' (" + historyTable + ") records version 2"
                                            + " as failed, so every start fails until it is repaired. Still applied:"
                                            + " [1] create table orders_note (id int primary key); [2] insert into"
                                            + " orders_note (id) values (1); [3] alter table orders_line add column"
                                            + " qty int. Rolled back: [4] insert into orders_line (id) values (7)."
                                            + " Fix: undo the statements still applied, correct V2__half.sql, run"
                                            + " Flyway's repair on the history of context 'orders' (" + repair(scenario)
                                            + "), then restart."))
                    .satisfies(e -> {
                        assertThat(((ContextDbMigrationException) e).getContext()).isEqualTo("orders");
                        assertThat(((ContextDbMigrationException) e).getScript()).isEqualTo("V2__half.sql");
                    });
            // What the error says is what the database holds.
            Map<String, List<String>> tables = new LinkedHashMap<>();
            tables.put("catalog", List.of("catalog_item", "catalog_tag"));
            tables.put("orders", rolledBack ? List.of("orders_line") : List.of("orders_line", "orders_note"));
            tables.put("shipping", List.of("shipping_parcel"));
            assertTables(scenario, tables);
            assertThat(history(scenario, "orders")).isEqualTo(rolledBack ? expected("1")
                    : expected("1", "2 failed"));
            assertThat(ids(scenario, "orders", "orders_line")).containsExactly("1");
            assertThat(columns(scenario, "orders_line")).isEqualTo(rolledBack ? List.of("id") : List.of("id", "qty"));
            if (!rolledBack) {
                assertThat(ids(scenario, "orders", "orders_note")).containsExactly("1");
            }
            assertOthersUntouched(scenario, true);

            script("orders", "V2__half.sql", HALF.replace("qtty", "qty"));
            if (!rolledBack) {
                assertThatThrownBy(() -> locations(scenario.restart(MODEL)).build())
                        .isInstanceOf(ContextDbMigrationException.class)
                        .hasMessage("Migration of context 'orders' cannot start: its history (" + historyTable
                                + ") records that version 2 (V2__half.sql) failed part-way at an earlier start, and "
                                + vendor(kind) + " kept what the script applied before it failed. Fix: undo what"
                                + " V2__half.sql applied (the error of that start lists it), run Flyway's repair on"
                                + " the history of context 'orders' (" + repair(scenario) + "), then restart.")
                        .satisfies(e -> assertThat(((ContextDbMigrationException) e).getScript())
                                .isEqualTo("V2__half.sql"));
                assertThat(history(scenario, "orders")).isEqualTo(expected("1", "2 failed"));
                assertOthersUntouched(scenario, true);

                // What the error says to run: undo, then repair with the unmigrated start's Flyway.
                scenario.database().execute("drop table " + scenario.qualified("orders", "orders_note"));
                scenario.database().execute("alter table " + scenario.qualified("orders", "orders_line")
                        + " drop column qty");
                try (ContextDb db = locations(scenario.restart(MODEL)).migrate(false).build()) {
                    db.flyway("orders").orElseThrow().repair();
                }
                assertThat(history(scenario, "orders")).isEqualTo(expected("1"));
            }

            try (ContextDb db = locations(scenario.restart(MODEL)).build()) {
                assertThat(db.migrations().get("orders").applied()).isEqualTo(1);
                assertThat(db.migrations().get("shipping").applied()).isEqualTo(1);
                assertThat(db.migrations().get("catalog").applied()).isZero();
            }
            tables.put("orders", List.of("orders_after", "orders_line", "orders_note"));
            tables.put("shipping", List.of("shipping_label", "shipping_parcel"));
            assertTables(scenario, tables);
            assertThat(history(scenario, "orders")).isEqualTo(expected("1", "2"));
            assertThat(ids(scenario, "orders", "orders_line")).containsExactly("1", "7");
            assertThat(ids(scenario, "orders", "orders_note")).containsExactly("1");
            assertThat(columns(scenario, "orders_line")).containsExactly("id", "qty");
            assertOthersUntouched(scenario, false);
        }
    }

    /** catalog migrated wholly before orders; shipping, after orders, at version 1 while orders fails. */
    private void assertOthersUntouched(Scenario scenario, boolean ordersFailing) {
        assertThat(history(scenario, "catalog")).isEqualTo(expected("1", "2"));
        assertThat(ids(scenario, "catalog", "catalog_item")).containsExactly("1");
        assertThat(ids(scenario, "catalog", "catalog_tag")).containsExactly("2");
        assertThat(history(scenario, "shipping")).isEqualTo(ordersFailing ? expected("1")
                : expected("1", "2"));
        assertThat(ids(scenario, "shipping", "shipping_parcel")).containsExactly("1");
    }

    private ContextDb.Builder locations(ContextDb.Builder builder) {
        // One step at a time, in name order: catalog, orders, shipping.
        builder.startupThreads(1);
        for (String context : MODEL.names()) {
            builder.context(context, settings -> settings.migrationLocations(location(context)));
        }
        return builder;
    }

    private String location(String context) {
        return "filesystem:" + scripts.resolve(context);
    }

    private void script(String context, String name, String sql) throws IOException {
        Files.createDirectories(scripts.resolve(context));
        Files.writeString(scripts.resolve(context).resolve(name), sql);
    }

    private String repair(Scenario scenario) {
        boolean shared = scenario.strategy() == IsolationStrategy.SHARED;
        return "with Spring Boot, start once with context-db.flyway.enabled=false and call ordersFlyway.repair();"
                + " with the core, ContextDb.builder(...).migrate(false).build().flyway(\"orders\")"
                + ".orElseThrow().repair(); or Flyway's command line: flyway repair"
                + (shared ? " -table=flyway_schema_history_orders" : " -schemas=" + scenario.placeOf("orders")
                        + " -table=flyway_schema_history")
                + " -locations=" + location("orders") + " with the context's URL and user";
    }

    private static String unknownColumn(Kind kind) {
        return switch (kind) {
            case POSTGRESQL -> "ERROR: column \"qtty\" of relation \"orders_line\" does not exist";
            case MARIADB -> "Unknown column 'qtty' in 'SET'";
            case H2 -> "Column \"QTTY\" not found";
        };
    }

    private static String vendor(Kind kind) {
        return kind == Kind.MARIADB ? "MariaDB" : "H2";
    }

    /** Each context's tables, where it lives; under SHARED all of them and their histories in the one schema. */
    private static void assertTables(Scenario scenario, Map<String, List<String>> tables) {
        if (scenario.strategy() == IsolationStrategy.SHARED) {
            TreeSet<String> all = new TreeSet<>();
            tables.forEach((context, own) -> {
                all.addAll(own);
                all.add("flyway_schema_history_" + context);
            });
            assertThat(scenario.tablesOf("orders")).containsExactlyElementsOf(all);
        } else {
            tables.forEach((context, own) -> {
                TreeSet<String> expected = new TreeSet<>(own);
                expected.add("flyway_schema_history");
                assertThat(scenario.tablesOf(context)).as(context).containsExactlyElementsOf(expected);
            });
        }
    }

    /** The expected history of migrations: "1" applied, "2 failed" recorded as failed. */
    private static List<String> expected(String... versions) {
        List<String> rows = new ArrayList<>();
        for (String version : versions) {
            rows.add(version.contains(" ") ? version : version + " ok");
        }
        return rows;
    }

    /**
     * The context's migrations as its history records them, "version ok" or "version failed" in
     * the order applied; without the marker rows of a created schema or a SHARED baseline.
     */
    private static List<String> history(Scenario scenario, String context) {
        boolean h2 = scenario.kind() == Kind.H2;
        String table = scenario.strategy() == IsolationStrategy.SHARED
                ? scenario.qualified(context, quoted(h2, "flyway_schema_history_" + context))
                : scenario.qualified(context, quoted(h2, "flyway_schema_history"));
        return scenario.query(context, "select concat(" + quoted(h2, "version") + ", case when " + quoted(h2, "success")
                + " then ' ok' else ' failed' end) from " + table + " where " + quoted(h2, "version") + " <> '0' order by "
                + quoted(h2, "installed_rank"));
    }

    private static String quoted(boolean h2, String name) {
        // Flyway creates its history table on H2 with quoted lower-case names.
        return h2 ? "\"" + name + "\"" : name;
    }

    private static List<String> ids(Scenario scenario, String context, String table) {
        return scenario.query(context, "select id from " + scenario.qualified(context, table) + " order by id");
    }

    private static List<String> columns(Scenario scenario, String table) {
        String schema = scenario.strategy() == IsolationStrategy.SHARED ? scenario.sharedSchema()
                : scenario.placeOf("orders");
        return scenario.query("orders", "select lower(column_name) from information_schema.columns where"
                + " lower(table_schema) = '" + schema.toLowerCase(java.util.Locale.ROOT) + "' and lower(table_name) = '"
                + table + "' order by 1");
    }
}
