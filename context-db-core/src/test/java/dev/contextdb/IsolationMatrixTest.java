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
    static final Map<String, String> KEYS = Map.of("catalog", "id", "inventory", "product_id", "orders", "id");
    /** In this order: DROP last, since on another context's objects it aims at the real table. */
    static final List<String> OPERATIONS = List.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "ALTER",
            "REFERENCES", "TRIGGER", "CREATE", "NEXTVAL", "EXECUTE", "DROP");
    /** MariaDB's permission errors: table (1142), column (1143), database (1044) and routine (1370) access denied. */
    static final java.util.Set<Integer> PERMISSION_ERRORS = java.util.Set.of(1142, 1143, 1044, 1370);

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
                    // What the matrix needs besides the migrated table, made by the context's own role.
                    for (String sql : ownObjects(scenario, kind, strategy, context)) {
                        execute(db, context, sql);
                    }
                }
                Map<String, String> observed = new LinkedHashMap<>();
                Map<String, String> expected = new LinkedHashMap<>();
                StringBuilder printed = new StringBuilder("\nIsolation matrix, " + kind + " " + strategy
                        + " (rows: the context connected as its role; columns: whose objects; cells: "
                        + String.join("/", OPERATIONS) + ", + allowed, - refused with the permission error)\n");
                printed.append(String.format("%-10s", ""));
                SHOP.names().forEach(target -> printed.append(String.format("%-14s", target)));
                printed.append('\n');
                for (String actor : SHOP.names()) {
                    printed.append(String.format("%-10s", actor));
                    for (String target : SHOP.names()) {
                        StringBuilder cell = new StringBuilder();
                        for (String operation : OPERATIONS) {
                            String outcome = attempt(db, scenario, kind, strategy, actor, target, operation);
                            String key = actor + " " + operation + " " + target;
                            observed.put(key, outcome);
                            expected.put(key, expectation(kind, strategy, actor, target, operation));
                            cell.append(outcome.equals("allowed") ? '+' : outcome.startsWith("refused") ? '-' : '!');
                        }
                        printed.append(String.format("%-14s", cell));
                    }
                    printed.append('\n');
                }
                System.out.println(printed);
                assertThat(observed.keySet()).containsExactlyElementsOf(expected.keySet());
                Map<String, String> wrong = new LinkedHashMap<>();
                expected.forEach((attempt, outcome) -> {
                    if (!outcome.equals(observed.get(attempt))) {
                        wrong.put(attempt, observed.get(attempt) + ", expected " + outcome);
                    }
                });
                assertThat(wrong).as("attempts whose outcome differs from the expected one").isEmpty();
                // Each context inserted its own row only, with its own id; nobody else's insert landed.
                for (String context : SHOP.names()) {
                    assertThat(scenario.query(context, "select " + KEYS.get(context) + " from "
                            + scenario.qualified(context, TABLES.get(context)) + " order by 1"))
                            .as(context + "'s rows").containsExactly(String.valueOf(idOf(context)));
                }
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
                assertThat(attempt(db, scenario, kind, strategy, "orders", "catalog", "SELECT")).isEqualTo("allowed");
            }
            try (ContextDb db = withRoles(scenario.restart(withoutTheRead), roles).build()) {
                assertThat(attempt(db, scenario, kind, strategy, "orders", "catalog", "SELECT"))
                        .as("orders reads catalog's product after the read was removed").isEqualTo(refused(kind));
                // Nor catalog's tables made from now on (PostgreSQL: the default privilege went too).
                String later = qualified(scenario, kind, strategy, "catalog", "later_product");
                execute(db, "catalog", "create table " + later + " (id integer)");
                assertThat(run(db, kind, "orders", "select count(*) from " + later)).isEqualTo(refused(kind));
                if (kind == Kind.POSTGRESQL) {
                    // Not even on the table itself, should the schema be opened again.
                    assertThat(scenario.database().queryStrings("select has_table_privilege('" + roles.get("orders")
                            + "', '" + later.replace("'", "''") + "', 'SELECT')")).containsExactly("f");
                }
                assertThat(run(db, kind, "catalog", "select count(*) from " + later)).isEqualTo("allowed");
                assertThat(attempt(db, scenario, kind, strategy, "orders", "orders", "SELECT")).isEqualTo("allowed");
            }
            try (ContextDb db = withRoles(scenario.restart(SHOP), roles).build()) {
                assertThat(attempt(db, scenario, kind, strategy, "orders", "catalog", "SELECT"))
                        .as("declared again, granted again").isEqualTo("allowed");
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("databases")
    void aContextRemovedFromTheModelLeavesNoGrantsBehind(Kind kind, IsolationStrategy strategy) {
        ContextModel before = ContextModel.of(
                ContextDefinition.of("inventory", "x.inventory"),
                ContextDefinition.of("catalog", "x.catalog", "inventory"),
                ContextDefinition.of("orders", "x.orders", "catalog"));
        ContextModel after = ContextModel.of(
                ContextDefinition.of("inventory", "x.inventory"),
                ContextDefinition.of("orders", "x.orders"));
        try (Scenario scenario = new Scenario(kind, strategy, Pooling.PER_CONTEXT)) {
            Map<String, String> roles = rolesFor(scenario, before);
            ContextDb.Builder first = withRoles(scenario.builder(before), roles);
            String product = qualified(scenario, kind, strategy, "catalog", "product");
            try (ContextDb db = first.build()) {
                assertThat(run(db, kind, "orders", "select count(*) from " + product)).isEqualTo("allowed");
                assertThat(run(db, kind, "catalog", "select count(*) from " + qualified(scenario, kind, strategy,
                        "inventory", "stock"))).isEqualTo("allowed");
                assertThat(grantsTo(scenario, roles.get("orders"))).anyMatch(grant -> grant.contains(
                        ownPlace(scenario, kind, strategy, "catalog").substring(kind == Kind.MARIADB ? 9 : 7)));
                assertThat(grantsTo(scenario, roles.get("catalog"))).anyMatch(grant -> grant.contains(
                        ownPlace(scenario, kind, strategy, "inventory").substring(kind == Kind.MARIADB ? 9 : 7)));
            }
            Map<String, String> remaining = new LinkedHashMap<>(roles);
            remaining.remove("catalog");
            try (ContextDb db = withRoles(scenario.restart(after), remaining).build()) {
                assertThat(run(db, kind, "orders", "select count(*) from " + product)).isEqualTo(refused(kind));
                assertThat(run(db, kind, "orders", "select count(*) from " + qualified(scenario, kind, strategy,
                        "orders", "purchase_order"))).isEqualTo("allowed");
            }
            // orders keeps only what is its own; catalog's former role keeps its own data (MariaDB:
            // all privileges on its database; PostgreSQL: ownership, which is no grant) and nothing else.
            assertThat(grantsTo(scenario, roles.get("orders"))).allMatch(grant -> grant.startsWith(
                    ownPlace(scenario, kind, strategy, "orders")), "on orders' own place only");
            assertThat(grantsTo(scenario, roles.get("catalog"))).allMatch(grant -> grant.startsWith(
                    ownPlace(scenario, kind, strategy, "catalog")), "on catalog's own place only");
            if (kind == Kind.POSTGRESQL) {
                assertThat(grantsTo(scenario, roles.get("catalog"))).isEmpty();
                assertThat(grantsTo(scenario, roles.get("orders"))).isEqualTo(strategy == IsolationStrategy.SHARED
                        ? List.of("schema " + scenario.sharedSchema() + " CREATE", "schema " + scenario.sharedSchema()
                                + " USAGE") : List.of());
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("databases")
    void aRenamedRoleLeavesNoGrantsBehind(Kind kind, IsolationStrategy strategy) {
        ContextModel model = ContextModel.of(
                ContextDefinition.of("catalog", "x.catalog"),
                ContextDefinition.of("orders", "x.orders", "catalog"));
        try (Scenario scenario = new Scenario(kind, strategy, Pooling.PER_CONTEXT)) {
            Map<String, String> roles = rolesFor(scenario, model);
            ContextDb.Builder first = withRoles(scenario.builder(model), roles);
            String order = qualified(scenario, kind, strategy, "orders", "purchase_order");
            String product = qualified(scenario, kind, strategy, "catalog", "product");
            try (ContextDb db = first.build()) {
                execute(db, "orders", "insert into " + order + " (id, product_id, quantity) values (1, 1, 1)");
            }
            String former = roles.get("orders");
            assertThat(grantsTo(scenario, former)).isNotEmpty();
            Map<String, String> renamed = new LinkedHashMap<>(roles);
            renamed.put("orders", dev.contextdb.test.TestDatabase.uniqueName("orders"));
            scenario.database().dropRoleLater(renamed.get("orders"));
            try (ContextDb db = withRoles(scenario.restart(model), renamed).build()) {
                assertThat(db.placement("orders").username()).isEqualTo(renamed.get("orders"));
                execute(db, "orders", "insert into " + order + " (id, product_id, quantity) values (2, 1, 1)");
                assertThat(run(db, kind, "orders", "select count(*) from " + product)).isEqualTo("allowed");
                assertThat(run(db, kind, "catalog", "select count(*) from " + order)).isEqualTo(refused(kind));
            }
            assertThat(scenario.query("orders", "select id from " + scenario.qualified("orders", "purchase_order")
                    + " order by id")).containsExactly("1", "2");
            assertThat(grantsTo(scenario, former)).as("grants left to the former role").isEmpty();
            if (kind == Kind.POSTGRESQL) {
                assertThat(scenario.database().queryStrings("select count(*) from pg_class where relowner = (select oid"
                        + " from pg_roles where rolname = '" + former + "')")).as("objects the former role still owns")
                        .containsExactly("0");
            }
        }
    }

    private static Map<String, String> rolesFor(Scenario scenario, ContextModel model) {
        Map<String, String> roles = new LinkedHashMap<>();
        for (String context : model.names()) {
            String role = dev.contextdb.test.TestDatabase.uniqueName(context);
            roles.put(context, role);
            scenario.database().dropRoleLater(role);
        }
        return roles;
    }

    /** How {@link #grantsTo} names a context's own schema or database, with the space after it. */
    private static String ownPlace(Scenario scenario, Kind kind, IsolationStrategy strategy, String context) {
        String schema = strategy == IsolationStrategy.SHARED ? scenario.sharedSchema() : scenario.placeOf(context);
        return kind == Kind.MARIADB ? "database " + schema + " " : "schema " + schema + " ";
    }

    /**
     * Every privilege granted to a role, from the database's own catalogs, ownership excepted:
     * PostgreSQL schema, table and default privileges; MariaDB database and table privileges.
     */
    private static List<String> grantsTo(Scenario scenario, String role) {
        if (scenario.kind() == Kind.POSTGRESQL) {
            String me = "(select oid from pg_roles where rolname = '" + role + "')";
            return scenario.database().queryStrings("select * from ("
                    + "select 'schema ' || n.nspname || ' ' || a.privilege_type as g from pg_namespace n"
                    + " cross join lateral aclexplode(n.nspacl) a where a.grantee = " + me + " and n.nspowner <> a.grantee"
                    + " union all select 'table ' || n.nspname || '.' || c.relname || ' ' || a.privilege_type from pg_class c"
                    + " join pg_namespace n on n.oid = c.relnamespace cross join lateral aclexplode(c.relacl) a"
                    + " where a.grantee = " + me + " and c.relowner <> a.grantee"
                    + " union all select 'table ' || table_schema || '.' || table_name || ' ' || privilege_type"
                    + " from information_schema.role_table_grants where grantee = '" + role + "' and grantor <> grantee"
                    + " union all select 'default privilege in ' || coalesce(n.nspname, 'every schema') || ' '"
                    + " || a.privilege_type from pg_default_acl d left join pg_namespace n on n.oid = d.defaclnamespace"
                    + " cross join lateral aclexplode(d.defaclacl) a where a.grantee = " + me
                    + " and d.defaclrole <> a.grantee) grants order by 1");
        }
        String account = "'''" + role + "''@''%'''";
        return scenario.database().queryStrings("select * from ("
                + "select concat('database ', TABLE_SCHEMA, ' ', PRIVILEGE_TYPE) as g"
                + " from information_schema.SCHEMA_PRIVILEGES where GRANTEE = " + account
                + " union all select concat('table ', TABLE_SCHEMA, '.', TABLE_NAME, ' ', PRIVILEGE_TYPE)"
                + " from information_schema.TABLE_PRIVILEGES where GRANTEE = " + account
                + " union all select concat('table ', Db, '.', Table_name, ' ', Table_priv) from mysql.tables_priv"
                + " where User = '" + role + "') grants order by 1");
    }

    private static ContextDb.Builder withRoles(ContextDb.Builder builder, Map<String, String> roles) {
        roles.forEach((context, role) -> builder.context(context, settings -> settings.datasource(null, role, "pw")));
        return builder.roles(true);
    }

    private static void execute(ContextDb db, String context, String sql) {
        try (Connection connection = db.dataSource(context).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError("context " + context + " could not run: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** {@code "allowed"}, {@code "refused <code>"} for the permission error, else what failed. */
    private static String run(ContextDb db, Kind kind, String context, String sql) {
        try (Connection connection = db.dataSource(context).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
            return "allowed";
        } catch (SQLException e) {
            return refusal(kind, e, sql);
        }
    }

    /** A refused SELECT, INSERT, UPDATE or DELETE on a table. */
    private static String refused(Kind kind) {
        return kind == Kind.POSTGRESQL ? "refused 42501" : "refused 1142";
    }

    /**
     * {@code "allowed"}, or {@code "refused <code>"} with the exact permission error the database
     * gives for the operation: PostgreSQL SQLSTATE 42501 for everything; MariaDB 1142 for tables
     * and sequences, 1370 for routines.
     */
    private static String expectation(Kind kind, IsolationStrategy strategy, String actor, String target,
            String operation) {
        boolean declaredRead = SHOP.context(actor).orElseThrow().reads().contains(target);
        boolean allowed = actor.equals(target)
                || (operation.equals("SELECT") && declaredRead)
                // One schema for all: anyone may create a table of its own there; nobody may touch another's.
                || (operation.equals("CREATE") && strategy == IsolationStrategy.SHARED)
                // MariaDB lets any privilege on the parent table, SELECT included, stand for REFERENCES (see docs/guides/isolation.md).
                || (operation.equals("REFERENCES") && declaredRead && kind == Kind.MARIADB);
        if (allowed) {
            return "allowed";
        }
        return "refused " + (kind == Kind.POSTGRESQL ? "42501" : operation.equals("EXECUTE") ? "1370" : "1142");
    }

    /** The id a context's INSERT uses: its own, so that a permitted insert never meets a duplicate key. */
    private static int idOf(String context) {
        return 1000 + SHOP.names().indexOf(context);
    }

    /** A sequence, a function, a trigger function (PostgreSQL) and a scratch table for the destructive operations. */
    private static List<String> ownObjects(Scenario scenario, Kind kind, IsolationStrategy strategy, String context) {
        String sequence = qualified(scenario, kind, strategy, context, "seq_" + context);
        String function = qualified(scenario, kind, strategy, context, "fn_" + context);
        String scratch = qualified(scenario, kind, strategy, context, "scratch_" + context);
        List<String> sql = new ArrayList<>();
        sql.add("create sequence " + sequence);
        sql.add("create table " + scratch + " (id integer primary key)");
        if (kind == Kind.POSTGRESQL) {
            sql.add("create function " + function + "() returns integer language sql as 'select 1'");
            sql.add("create function " + qualified(scenario, kind, strategy, context, "trg_" + context)
                    + "() returns trigger language plpgsql as 'begin return new; end'");
        } else {
            sql.add("create function " + function + "() returns integer deterministic return 1");
        }
        return sql;
    }

    private static String attempt(ContextDb db, Scenario scenario, Kind kind, IsolationStrategy strategy,
            String actor, String target, String operation) {
        boolean own = actor.equals(target);
        String table = qualified(scenario, kind, strategy, target, TABLES.get(target));
        // Destructive operations on its own objects go to a scratch table, so its data stays for the rest.
        String destructible = own ? qualified(scenario, kind, strategy, target, "scratch_" + target) : table;
        String probe = qualified(scenario, kind, strategy, target, "probe_" + actor + "_" + target);
        String referencing = qualified(scenario, kind, strategy, actor, "ref_" + actor + "_" + target);
        String trigger = kind == Kind.POSTGRESQL ? "t_" + actor + "_" + target
                : qualified(scenario, kind, strategy, target, "t_" + actor + "_" + target);
        String key = KEYS.get(target);
        int id = idOf(actor);
        List<String> undo = new ArrayList<>();
        String sql = switch (operation) {
            case "SELECT" -> "select count(*) from " + table;
            case "INSERT" -> switch (target) {
                case "catalog" -> "insert into " + table + " (id, name) values (" + id + ", 'by " + actor + "')";
                case "inventory" -> "insert into " + table + " (product_id, quantity) values (" + id + ", 1)";
                default -> "insert into " + table + " (id, product_id, quantity) values (" + id + ", 1, 1)";
            };
            case "UPDATE" -> "update " + table + " set " + key + " = " + key + " where " + key + " < 0";
            case "DELETE" -> "delete from " + table + " where " + key + " < 0";
            case "TRUNCATE" -> "truncate table " + destructible;
            case "ALTER" -> "alter table " + destructible + " add column added_by_" + actor + " integer";
            case "REFERENCES" -> {
                undo.add("drop table " + referencing);
                yield "create table " + referencing + " (id bigint, foreign key (id) references " + table + " ("
                        + key + "))";
            }
            case "TRIGGER" -> {
                if (kind == Kind.POSTGRESQL) {
                    undo.add("drop trigger " + trigger + " on " + table);
                    yield "create trigger " + trigger + " before insert on " + table + " for each row execute function "
                            + qualified(scenario, kind, strategy, actor, "trg_" + actor) + "()";
                }
                undo.add("drop trigger " + trigger);
                yield "create trigger " + trigger + " before insert on " + table + " for each row set new." + key
                        + " = new." + key;
            }
            case "CREATE" -> {
                undo.add("drop table " + probe);
                yield "create table " + probe + " (id integer)";
            }
            case "NEXTVAL" -> kind == Kind.POSTGRESQL
                    ? "select nextval('" + qualified(scenario, kind, strategy, target, "seq_" + target) + "')"
                    : "select nextval(" + qualified(scenario, kind, strategy, target, "seq_" + target) + ")";
            case "EXECUTE" -> "select " + qualified(scenario, kind, strategy, target, "fn_" + target) + "()";
            case "DROP" -> "drop table " + destructible;
            default -> throw new IllegalArgumentException(operation);
        };
        try (Connection connection = db.dataSource(actor).getConnection();
                Statement statement = connection.createStatement()) {
            try {
                statement.execute(sql);
            } catch (SQLException e) {
                return refusal(kind, e, sql);
            }
            for (String step : undo) {
                statement.execute(step);
            }
            return "allowed";
        } catch (SQLException e) {
            throw new AssertionError(actor + " could not undo " + operation + " on " + target + ": " + e, e);
        }
    }

    /** Only the database's permission error is a refusal; anything else shows up as a mismatch, with its message. */
    private static String refusal(Kind kind, SQLException e, String sql) {
        boolean permission = kind == Kind.POSTGRESQL ? "42501".equals(e.getSQLState())
                : PERMISSION_ERRORS.contains(e.getErrorCode());
        if (!permission) {
            return "failed otherwise: " + e.getSQLState() + "/" + e.getErrorCode() + " " + e.getMessage() + " (" + sql
                    + ")";
        }
        return "refused " + (kind == Kind.POSTGRESQL ? e.getSQLState() : String.valueOf(e.getErrorCode()));
    }

    private static String qualified(Scenario scenario, Kind kind, IsolationStrategy strategy, String context,
            String table) {
        String schema = strategy == IsolationStrategy.SHARED ? scenario.sharedSchema() : scenario.placeOf(context);
        return kind == Kind.MARIADB ? "`" + schema + "`." + table : "\"" + schema + "\"." + table;
    }
}
