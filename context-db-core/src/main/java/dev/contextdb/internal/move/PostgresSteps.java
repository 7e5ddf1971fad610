package dev.contextdb.internal.move;

import dev.contextdb.IsolationStrategy;
import dev.contextdb.internal.MoveEnd;
import dev.contextdb.internal.Vendor;
import dev.contextdb.internal.events.EventTables;
import dev.contextdb.internal.move.ContextObjects.Item;
import dev.contextdb.internal.move.ContextObjects.Kind;
import dev.contextdb.internal.move.SameServerMove.Step;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The steps of a move on PostgreSQL, run in one transaction: {@code ALTER … SET SCHEMA} takes a
 * table's indexes, constraints, owned sequences, triggers and grants with it, and what refers to it
 * by its identity (views, defaults, foreign keys) keeps working.
 */
final class PostgresSteps {

    private static final Vendor VENDOR = Vendor.POSTGRESQL;

    private PostgresSteps() {
    }

    static List<Step> steps(MoveEnd from, MoveEnd to, ContextObjects source, String target,
            Map<String, String> renames, boolean targetExists) {
        String s = VENDOR.quote(source.schema());
        String t = VENDOR.quote(target);
        List<Step> steps = new ArrayList<>();
        if (!targetExists) {
            steps.add(new Step("create schema " + target, c -> Statements.execute(c, "CREATE SCHEMA IF NOT EXISTS " + t)));
        }
        List<String> tables = new ArrayList<>(source.tables());
        source.support().forEach(item -> tables.add(item.name()));
        steps.add(new Step("move tables " + String.join(", ", tables) + " from schema " + source.schema() + " to "
                + target + " (with their indexes, constraints, owned sequences, triggers and grants)", c -> {
                    for (String table : tables) {
                        Statements.execute(c, "ALTER TABLE " + s + "." + VENDOR.quote(table) + " SET SCHEMA " + t);
                    }
                }));
        List<Item> renamed = source.support().stream()
                .filter(item -> !renames.getOrDefault(item.name(), item.name()).equals(item.name())).toList();
        if (!renamed.isEmpty()) {
            String indexFrom = EventTables.of(from.placement()).index();
            String indexTo = EventTables.of(to.placement()).index();
            String delivery = EventTables.of(from.placement()).delivery();
            steps.add(new Step("rename " + String.join(", ", renamed.stream().map(item -> item.name() + " to "
                    + renames.get(item.name())).toList()) + " (and their indexes and sequences), as "
                    + to.placement().strategy() + " names them", c -> {
                        for (Item item : renamed) {
                            String before = item.name();
                            String after = renames.get(before);
                            for (String[] index : indexesAndSequences(c, target, before)) {
                                String name = index[0];
                                boolean constraint = "t".equals(index[1]);
                                String renamedTo = before.equals(delivery) && !constraint && name.startsWith(indexFrom)
                                        ? indexTo + name.substring(indexFrom.length())
                                        : name.startsWith(before) ? after + name.substring(before.length()) : null;
                                if (renamedTo != null && !renamedTo.equals(name)) {
                                    Statements.execute(c, "ALTER " + ("S".equals(index[2]) ? "SEQUENCE" : "INDEX") + " "
                                            + t + "." + VENDOR.quote(name) + " RENAME TO " + VENDOR.quote(renamedTo));
                                }
                            }
                            Statements.execute(c, "ALTER TABLE " + t + "." + VENDOR.quote(before) + " RENAME TO "
                                    + VENDOR.quote(after));
                        }
                    }));
        }
        List<Item> others = source.items().stream().filter(item -> item.kind() == Kind.SEQUENCE
                || item.kind() == Kind.VIEW || item.kind() == Kind.MATERIALIZED_VIEW || item.kind() == Kind.ROUTINE
                || item.kind() == Kind.TYPE).toList();
        if (!others.isEmpty()) {
            steps.add(new Step("move " + String.join(", ", others.stream().map(Item::describe).toList()) + " to schema "
                    + target, c -> {
                        for (Item item : others) {
                            String what = switch (item.kind()) {
                                case SEQUENCE -> "SEQUENCE " + s + "." + VENDOR.quote(item.name());
                                case VIEW -> "VIEW " + s + "." + VENDOR.quote(item.name());
                                case MATERIALIZED_VIEW -> "MATERIALIZED VIEW " + s + "." + VENDOR.quote(item.name());
                                // The signature as PostgreSQL formats it (format('%I.%I(%s)')), quoted by the server.
                                case ROUTINE -> "ROUTINE " + item.sql();
                                default -> ("DOMAIN".equals(item.of()) ? "DOMAIN " : "TYPE ") + s + "."
                                        + VENDOR.quote(item.name());
                            };
                            Statements.execute(c, "ALTER " + what + " SET SCHEMA " + t);
                        }
                    }));
        }
        if (from.placement().strategy() == IsolationStrategy.SHARED && from.role() != null) {
            steps.add(new Step("take back from role " + from.role() + " the right to create tables in the shared schema "
                    + source.schema(), c -> Statements.execute(c, "REVOKE CREATE ON SCHEMA " + s + " FROM "
                            + VENDOR.quote(from.role()))));
        }
        if (from.placement().strategy() != IsolationStrategy.SHARED) {
            steps.add(new Step("drop schema " + source.schema() + " if nothing is left in it", c -> {
                Catalog catalog = Catalog.of(VENDOR, c);
                if (catalog.items(source.schema()).isEmpty() && catalog.relationNames(source.schema()).isEmpty()) {
                    Statements.execute(c, "DROP SCHEMA " + s);
                }
            }));
        }
        return steps;
    }

    /** A table's indexes (whether a constraint's) and owned sequences: name, constraint, relkind. */
    private static List<String[]> indexesAndSequences(Connection connection, String schema, String table)
            throws SQLException {
        Catalog catalog = Catalog.of(VENDOR, connection);
        return catalog.rows("select i.relname, case when exists (select 1 from pg_constraint k where k.conindid = i.oid)"
                + " then 't' else 'f' end, 'i' from pg_index x join pg_class i on i.oid = x.indexrelid"
                + " join pg_class r on r.oid = x.indrelid join pg_namespace n on n.oid = r.relnamespace"
                + " where n.nspname = ? and r.relname = ?"
                + " union all select q.relname, 'f', 'S' from pg_depend d join pg_class q on q.oid = d.objid"
                + " join pg_class r on r.oid = d.refobjid join pg_namespace n on n.oid = r.relnamespace"
                + " where q.relkind = 'S' and d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass"
                + " and d.deptype in ('a', 'i') and n.nspname = ? and r.relname = ?", 3, schema, table, schema, table);
    }
}
