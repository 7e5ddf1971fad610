package dev.contextdb.internal.move;

import dev.contextdb.IsolationStrategy;
import dev.contextdb.internal.MoveEnd;
import dev.contextdb.internal.Vendor;
import dev.contextdb.internal.move.ContextObjects.Item;
import dev.contextdb.internal.move.ContextObjects.Kind;
import dev.contextdb.internal.move.SameServerMove.Step;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The steps of a move on MariaDB, where DDL commits as it goes: each step can run again, so a move
 * interrupted anywhere finishes when it is run again. What cannot change database — views,
 * routines, triggers — is saved in a journal table at the target before anything is dropped, and
 * created again from there; one {@code RENAME TABLE} moves every table at once.
 */
final class MariaDbSteps {

    private static final Vendor VENDOR = Vendor.MARIADB;
    private static final Pattern ACCOUNT = Pattern.compile("'[^'\\\\]+'@'[^'\\\\]+'");
    private static final Pattern PRIVILEGES = Pattern.compile("[A-Z ,]+");

    private MariaDbSteps() {
    }

    /** @return the journal table of a context's move, in the target database */
    static String journal(String context) {
        return "cdb_move_" + context;
    }

    static List<Step> steps(MoveEnd from, MoveEnd to, ContextObjects source, String target,
            Map<String, String> renames, boolean resuming) {
        String context = from.context();
        String s = VENDOR.quote(source.schema());
        String t = VENDOR.quote(target);
        String journal = t + "." + VENDOR.quote(journal(context));
        List<Item> triggers = of(source, Kind.TRIGGER);
        List<Item> routines = of(source, Kind.ROUTINE);
        List<Item> views = of(source, Kind.VIEW);
        List<Item> grants = of(source, Kind.GRANT);
        List<Item> defaults = of(source, Kind.DEFAULT);
        List<String> tables = new ArrayList<>();
        source.items().stream().filter(item -> item.kind() == Kind.TABLE || item.kind() == Kind.SEQUENCE)
                .forEach(item -> tables.add(item.name()));
        source.support().forEach(item -> tables.add(item.name()));

        List<Step> steps = new ArrayList<>();
        steps.add(new Step("create database " + target, c -> Statements.execute(c,
                "CREATE DATABASE IF NOT EXISTS " + t)));
        if (!resuming) {
            steps.add(new Step("save the definitions of its views, routines and triggers in " + target + "."
                    + journal(context), c -> Journal.write(c, journal, source)));
        }
        if (!triggers.isEmpty()) {
            steps.add(new Step("drop triggers " + names(triggers) + " (they cannot change database)", c -> {
                for (Item trigger : triggers) {
                    Statements.execute(c, "DROP TRIGGER IF EXISTS " + s + "." + VENDOR.quote(trigger.name()));
                }
            }));
        }
        steps.add(new Step("move tables " + String.join(", ", tables.stream().map(name -> renames.containsKey(name)
                ? name + " (as " + renames.get(name) + ")" : name).toList()) + " from " + source.schema() + " to "
                + target + " in one RENAME TABLE", c -> {
                    Set<String> left = Catalog.of(VENDOR, c).relationNames(source.schema());
                    List<String> pairs = new ArrayList<>();
                    for (String table : tables) {
                        if (left.contains(table)) {
                            pairs.add(s + "." + VENDOR.quote(table) + " TO " + t + "."
                                    + VENDOR.quote(renames.getOrDefault(table, table)));
                        }
                    }
                    if (!pairs.isEmpty()) {
                        Statements.execute(c, "RENAME TABLE " + String.join(", ", pairs));
                    }
                }));
        if (!defaults.isEmpty()) {
            steps.add(new Step("point the column defaults " + String.join(", ", defaults.stream().map(item -> item.of()
                    + "." + item.name()).toList()) + " at " + target, c -> {
                        for (Item column : defaults) {
                            // The default as the server printed it, with the source database named in it.
                            String expression = column.sql().replace("`" + source.schema() + "`.", "`" + target + "`.");
                            Statements.execute(c, "ALTER TABLE " + t + "." + VENDOR.quote(renames.getOrDefault(column.of(),
                                    column.of())) + " ALTER COLUMN " + VENDOR.quote(column.name()) + " SET DEFAULT "
                                    + expression);
                        }
                    }));
        }
        if (!triggers.isEmpty()) {
            steps.add(new Step("create triggers " + names(triggers) + " in " + target, c -> inDatabase(c, target, same -> {
                Set<String> there = Catalog.of(VENDOR, c).names("select trigger_name from information_schema.triggers"
                        + " where trigger_schema = ?", target);
                for (Item trigger : triggers) {
                    if (!there.contains(trigger.name())) {
                        create(c, trigger.sql(), trigger.detail());
                    }
                }
            })));
        }
        if (!routines.isEmpty()) {
            steps.add(new Step("create routines " + names(routines) + " in " + target + ", then drop them in "
                    + source.schema(), c -> inDatabase(c, target, same -> {
                        Catalog catalog = Catalog.of(VENDOR, c);
                        Set<String> there = catalog.names("select concat(routine_type, ' ', routine_name)"
                                + " from information_schema.routines where routine_schema = ?", target);
                        for (Item routine : routines) {
                            if (!there.contains(routine.of() + " " + routine.name())) {
                                create(c, routine.sql(), routine.detail());
                            }
                        }
                        for (Item routine : routines) {
                            Statements.execute(c, "DROP " + ("PROCEDURE".equals(routine.of()) ? "PROCEDURE" : "FUNCTION")
                                    + " IF EXISTS " + s + "." + VENDOR.quote(routine.name()));
                        }
                    })));
        }
        if (!views.isEmpty()) {
            steps.add(new Step("create views " + names(views) + " in " + target + ", then drop them in "
                    + source.schema(), c -> inDatabase(c, target, same -> {
                        for (Item view : views) {
                            // The stored definition names every table as `database`.`table`.
                            String sql = view.sql().replace("`" + source.schema() + "`.", "`" + target + "`.");
                            create(c, sql.replaceFirst("^(?i)CREATE ", "CREATE OR REPLACE "), null);
                        }
                        for (int i = views.size() - 1; i >= 0; i--) {
                            Statements.execute(c, "DROP VIEW IF EXISTS " + s + "." + VENDOR.quote(views.get(i).name()));
                        }
                    })));
        }
        if (!grants.isEmpty()) {
            steps.add(new Step("grant again on " + target + " what was granted on its tables, and take it back on "
                    + source.schema(), c -> {
                        for (Item grant : grants) {
                            if (!ACCOUNT.matcher(grant.name()).matches() || !PRIVILEGES.matcher(grant.sql()).matches()) {
                                throw new SQLException("Cannot grant again " + grant.describe() + ": not a plain"
                                        + " account and privilege list");
                            }
                            String table = VENDOR.quote(grant.of());
                            Statements.execute(c, "GRANT " + grant.sql() + " ON " + t + "."
                                    + VENDOR.quote(renames.getOrDefault(grant.of(), grant.of())) + " TO " + grant.name());
                            try {
                                Statements.execute(c, "REVOKE " + grant.sql() + " ON " + s + "." + table + " FROM "
                                        + grant.name());
                            } catch (SQLException e) {
                                // 1147: no such grant any more, taken back by an earlier run of this step.
                                if (e.getErrorCode() != 1147) {
                                    throw e;
                                }
                            }
                        }
                    }));
        }
        if (from.placement().strategy() != IsolationStrategy.SHARED) {
            steps.add(new Step("drop database " + source.schema() + " if nothing is left in it", c -> {
                Catalog catalog = Catalog.of(VENDOR, c);
                if (catalog.exists(source.schema()) && catalog.items(source.schema()).isEmpty()) {
                    Statements.execute(c, "DROP DATABASE " + s);
                }
            }));
        }
        steps.add(new Step("drop the journal " + target + "." + journal(context), c -> Statements.execute(c,
                "DROP TABLE IF EXISTS " + journal)));
        return steps;
    }

    private static List<Item> of(ContextObjects source, Kind kind) {
        return source.items().stream().filter(item -> item.kind() == kind).toList();
    }

    private static String names(List<Item> items) {
        return String.join(", ", items.stream().map(Item::name).toList());
    }

    /** Runs {@code work} with {@code database} as the connection's database, where unqualified names are created. */
    private static void inDatabase(Connection connection, String database, Statements.Action work) throws SQLException {
        String before = connection.getCatalog();
        connection.setCatalog(database);
        try {
            work.run(connection);
        } finally {
            if (before != null) {
                connection.setCatalog(before);
            }
        }
    }

    /** Runs a saved {@code CREATE …} under the SQL mode it was first created with. */
    private static void create(Connection connection, String sql, String mode) throws SQLException {
        String before = null;
        if (mode != null) {
            before = Catalog.of(VENDOR, connection).names("select @@session.sql_mode").iterator().next();
            try (PreparedStatement set = connection.prepareStatement("SET SESSION sql_mode = ?")) {
                set.setString(1, mode);
                set.execute();
            }
        }
        try {
            Statements.execute(connection, sql);
        } finally {
            if (before != null) {
                try (PreparedStatement set = connection.prepareStatement("SET SESSION sql_mode = ?")) {
                    set.setString(1, before);
                    set.execute();
                }
            }
        }
    }

    /**
     * What a move saved before it changed anything: the source database, and every object with
     * the statements that create the views, routines and triggers again. Complete only with its
     * last row: a journal without it was interrupted while written, before the source was touched.
     *
     * @param source what belonged to the context at the source
     */
    record Journal(ContextObjects source) {

        private static final String COMPLETE = "COMPLETE";

        static void write(Connection connection, String journal, ContextObjects source) throws SQLException {
            Statements.execute(connection, "DROP TABLE IF EXISTS " + journal);
            Statements.execute(connection, "CREATE TABLE " + journal + " (seq integer primary key, kind varchar(32)"
                    + " not null, name varchar(256) not null, of_name varchar(256), sql_text longtext, detail longtext)");
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("insert into " + journal
                    + " (seq, kind, name, of_name, sql_text, detail) values (?, ?, ?, ?, ?, ?)")) {
                int seq = 0;
                List<Item> rows = new ArrayList<>();
                rows.add(new Item(Kind.TABLE, source.schema(), "SOURCE", null, null));
                rows.addAll(source.items());
                rows.addAll(source.support());
                rows.add(new Item(Kind.TABLE, COMPLETE, COMPLETE, null, null));
                for (Item item : rows) {
                    insert.setInt(1, ++seq);
                    boolean marker = "SOURCE".equals(item.of()) || COMPLETE.equals(item.of());
                    insert.setString(2, marker ? item.of() : item.kind().name());
                    insert.setString(3, item.name());
                    insert.setString(4, marker ? null : item.of());
                    insert.setString(5, item.sql());
                    insert.setString(6, item.detail());
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }

        /** @return the journal of an interrupted move of the context to {@code target}, or {@code null} */
        static Journal read(Connection connection, String target, String context) throws SQLException {
            Catalog catalog = Catalog.of(VENDOR, connection);
            if (!catalog.exists(target) || !catalog.relationNames(target).contains(journal(context))) {
                return null;
            }
            String schema = null;
            boolean complete = false;
            List<Item> items = new ArrayList<>();
            List<Item> support = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("select kind, name, of_name, sql_text, detail"
                    + " from " + VENDOR.quote(target) + "." + VENDOR.quote(journal(context)) + " order by seq");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String kind = rows.getString(1);
                    if (kind.equals("SOURCE")) {
                        schema = rows.getString(2);
                    } else if (kind.equals(COMPLETE)) {
                        complete = true;
                    } else {
                        Item item = new Item(Kind.valueOf(kind), rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getString(5));
                        (item.kind() == Kind.HISTORY || item.kind() == Kind.EVENTS ? support : items).add(item);
                    }
                }
            }
            if (!complete || schema == null) {
                return null;
            }
            List<String> tables = items.stream().filter(item -> item.kind() == Kind.TABLE).map(Item::name).toList();
            return new Journal(new ContextObjects(tables, List.of(), List.of(), schema, items, support));
        }
    }
}
