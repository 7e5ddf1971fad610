package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * context-db.roles.enabled: every context, connected as its own role, tries every operation on
 * its own table and on every other context's table with hand-written, fully qualified SQL. The
 * database must allow exactly its own work and the declared read, and refuse everything else.
 */
class IsolationMatrixTest {

    static final ContextModel SHOP = ContextModel.of(
            ContextDefinition.of("catalog", "x.catalog"),
            ContextDefinition.of("inventory", "x.inventory"),
            ContextDefinition.of("orders", "x.orders", "catalog"));
    static final Map<String, String> TABLES = Map.of("catalog", "product", "inventory", "stock",
            "orders", "purchase_order");
    static final List<String> OPERATIONS = List.of("SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP");

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of(Kind.POSTGRESQL, IsolationStrategy.SCHEMA),
                Arguments.of(Kind.POSTGRESQL, IsolationStrategy.SHARED),
                Arguments.of(Kind.MARIADB, IsolationStrategy.SCHEMA));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("databases")
    void theDatabaseAllowsOwnWorkAndDeclaredReadsAndRefusesEverythingElse(Kind kind, IsolationStrategy strategy) {
        try (Scenario scenario = new Scenario(kind, strategy, Pooling.PER_CONTEXT)) {
            ContextDb.Builder builder = scenario.builder(SHOP).roles(true);
            Map<String, String> roles = new LinkedHashMap<>();
            for (String context : SHOP.names()) {
                String role = dev.contextdb.test.TestDatabase.uniqueName(context);
                roles.put(context, role);
                scenario.database().dropRoleLater(role);
                builder.context(context, settings -> settings.datasource(null, role, "pw-" + role + "'\"; --"));
            }
            try (ContextDb db = builder.build()) {
                for (String context : SHOP.names()) {
                    assertThat(db.placement(context).username()).isEqualTo(roles.get(context));
                }
                Map<String, String> observed = new LinkedHashMap<>();
                Map<String, String> expected = new LinkedHashMap<>();
                StringBuilder printed = new StringBuilder("\nIsolation matrix, " + kind + " " + strategy
                        + " (rows: the context connected as its role; columns: whose table; cells: "
                        + String.join("/", OPERATIONS) + ", + allowed, - refused)\n");
                printed.append(String.format("%-10s", ""));
                SHOP.names().forEach(target -> printed.append(String.format("%-14s", target)));
                printed.append('\n');
                for (String actor : SHOP.names()) {
                    printed.append(String.format("%-10s", actor));
                    for (String target : SHOP.names()) {
                        StringBuilder cell = new StringBuilder();
                        for (String operation : OPERATIONS) {
                            boolean allowed = attempt(db, scenario, kind, strategy, actor, target, operation);
                            String key = actor + " " + operation + " " + target;
                            observed.put(key, allowed ? "allowed" : "refused");
                            expected.put(key, expectation(strategy, actor, target, operation) ? "allowed" : "refused");
                            cell.append(allowed ? '+' : '-');
                        }
                        printed.append(String.format("%-14s", cell));
                    }
                    printed.append('\n');
                }
                System.out.println(printed);
                assertThat(observed).containsExactlyEntriesOf(expected);
                assertThat(scenario.query("catalog", "select count(*) from " + scenario.qualified("catalog", "product")))
                        .containsExactly("1");
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("databases")
    void aReadRemovedFromReadsIsTakenBackAtTheNextStart(Kind kind, IsolationStrategy strategy) {
        ContextModel withoutTheRead = ContextModel.of(
                ContextDefinition.of("catalog", "x.catalog"),
                ContextDefinition.of("inventory", "x.inventory"),
                ContextDefinition.of("orders", "x.orders"));
        try (Scenario scenario = new Scenario(kind, strategy, Pooling.PER_CONTEXT)) {
            Map<String, String> roles = new LinkedHashMap<>();
            for (String context : SHOP.names()) {
                String role = dev.contextdb.test.TestDatabase.uniqueName(context);
                roles.put(context, role);
                scenario.database().dropRoleLater(role);
            }
            try (ContextDb db = withRoles(scenario.builder(SHOP), roles).build()) {
                assertThat(attempt(db, scenario, kind, strategy, "orders", "catalog", "SELECT")).isTrue();
            }
            try (ContextDb db = withRoles(scenario.restart(withoutTheRead), roles).build()) {
                assertThat(attempt(db, scenario, kind, strategy, "orders", "catalog", "SELECT"))
                        .as("orders reads catalog's product after the read was removed").isFalse();
                // Nor catalog's tables made from now on (PostgreSQL: the default privilege went too).
                String later = qualified(scenario, kind, strategy, "catalog", "later_product");
                execute(db, "catalog", "create table " + later + " (id integer)");
                assertThat(canRun(db, "orders", "select count(*) from " + later)).isFalse();
                if (kind == Kind.POSTGRESQL) {
                    // Not even on the table itself, should the schema be opened again.
                    assertThat(scenario.database().queryStrings("select has_table_privilege('" + roles.get("orders")
                            + "', '" + later.replace("'", "''") + "', 'SELECT')")).containsExactly("f");
                }
                assertThat(canRun(db, "catalog", "select count(*) from " + later)).isTrue();
                assertThat(attempt(db, scenario, kind, strategy, "orders", "orders", "SELECT")).isTrue();
            }
            try (ContextDb db = withRoles(scenario.restart(SHOP), roles).build()) {
                assertThat(attempt(db, scenario, kind, strategy, "orders", "catalog", "SELECT"))
                        .as("declared again, granted again").isTrue();
            }
        }
    }

    private static ContextDb.Builder withRoles(ContextDb.Builder builder, Map<String, String> roles) {
        roles.forEach((context, role) -> builder.context(context, settings -> settings.datasource(null, role, "pw")));
        return builder.roles(true);
    }

    private static void execute(ContextDb db, String context, String sql) {
        if (!canRun(db, context, sql)) {
            throw new AssertionError("context " + context + " could not run: " + sql);
        }
    }

    private static boolean canRun(ContextDb db, String context, String sql) {
        try (Connection connection = db.dataSource(context).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
            return true;
        } catch (SQLException refused) {
            return false;
        }
    }

    private static boolean expectation(IsolationStrategy strategy, String actor, String target, String operation) {
        if (actor.equals(target)) {
            return true;
        }
        if (operation.equals("SELECT")) {
            return SHOP.context(actor).orElseThrow().reads().contains(target);
        }
        // One schema for all: anyone may create a table of its own there; nobody may touch another's.
        return operation.equals("CREATE") && strategy == IsolationStrategy.SHARED;
    }

    private static boolean attempt(ContextDb db, Scenario scenario, Kind kind, IsolationStrategy strategy,
            String actor, String target, String operation) {
        String table = qualified(scenario, kind, strategy, target, TABLES.get(target));
        String probe = qualified(scenario, kind, strategy, target, "probe_" + actor + "_" + target);
        String key = TABLES.get(target).equals("stock") ? "product_id" : "id";
        String sql = switch (operation) {
            case "SELECT" -> "select count(*) from " + table;
            case "INSERT" -> switch (target) {
                case "catalog" -> "insert into " + table + " (id, name) values (1, 'by " + actor + "')";
                case "inventory" -> "insert into " + table + " (product_id, quantity) values (1, 1)";
                default -> "insert into " + table + " (id, product_id, quantity) values (1, 1, 1)";
            };
            case "UPDATE" -> "update " + table + " set " + key + " = " + key + " where " + key + " < 0";
            case "DELETE" -> "delete from " + table + " where " + key + " < 0";
            case "CREATE" -> "create table " + probe + " (id integer)";
            // Own table: drop the probe made above; another's: its real table, which must survive.
            default -> "drop table " + (actor.equals(target) ? probe : table);
        };
        try (Connection connection = db.dataSource(actor).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
            if (operation.equals("CREATE") && !actor.equals(target)) {
                statement.execute("drop table " + probe);
            }
            return true;
        } catch (SQLException refused) {
            return false;
        }
    }

    private static String qualified(Scenario scenario, Kind kind, IsolationStrategy strategy, String context,
            String table) {
        String schema = strategy == IsolationStrategy.SHARED ? scenario.sharedSchema() : scenario.placeOf(context);
        return kind == Kind.MARIADB ? "`" + schema + "`." + table : "\"" + schema + "\"." + table;
    }
}
