package dev.contextdb.internal.move;

import dev.contextdb.internal.Vendor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A table as the database's own catalog describes it: the columns a copy writes (generated
 * columns are left to the database), its primary key, and which tables its foreign keys point
 * at. Read through {@code information_schema} (PostgreSQL's foreign keys through its own catalog,
 * which names the referenced table) with the names bound, never concatenated.
 *
 * @param schema the schema (MariaDB: database) it lies in
 * @param name its name, as the catalog spells it
 * @param columns the columns a copy writes, in the table's order
 * @param types their types, as {@code information_schema.columns.data_type} names them (a domain's:
 *     its base type's)
 * @param key its primary key's columns, in key order; empty without one
 */
record TableShape(String schema, String name, List<String> columns, List<String> types, List<String> key) {

    /**
     * @param vendor the database
     * @return the table, qualified with its schema and quoted
     */
    String qualified(Vendor vendor) {
        return vendor.quote(schema) + "." + vendor.quote(name);
    }

    /** @return the columns, quoted and separated by commas */
    String columnList(Vendor vendor) {
        return String.join(", ", columns.stream().map(vendor::quote).toList());
    }

    /**
     * @return the base tables of a schema (MariaDB: database), by name
     */
    static Set<String> tables(Connection connection, String schema) throws SQLException {
        Set<String> tables = new LinkedHashSet<>();
        try (PreparedStatement query = connection.prepareStatement("select table_name from information_schema.tables"
                + " where table_schema = ? and table_type = 'BASE TABLE' order by table_name")) {
            query.setString(1, schema);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        return tables;
    }

    /** @return the table's shape, or {@code null} when there is no such table */
    static TableShape read(Connection connection, String schema, String table) throws SQLException {
        return read(connection, schema, List.of(table)).get(table);
    }

    /**
     * Reads several tables' shapes in two queries, whatever their number.
     * @return the shapes by table; a table that does not exist has none
     */
    static Map<String, TableShape> read(Connection connection, String schema, Collection<String> tables)
            throws SQLException {
        List<String> names = List.copyOf(tables);
        if (names.isEmpty()) {
            return Map.of();
        }
        String in = String.join(", ", java.util.Collections.nCopies(names.size(), "?"));
        Map<String, List<String>> columns = new LinkedHashMap<>();
        Map<String, List<String>> types = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("select table_name, column_name, is_generated,"
                + " data_type from information_schema.columns where table_schema = ? and table_name in (" + in + ")"
                + " order by table_name, ordinal_position")) {
            bind(query, schema, names);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String table = rows.getString(1);
                    columns.computeIfAbsent(table, t -> new ArrayList<>());
                    types.computeIfAbsent(table, t -> new ArrayList<>());
                    // Stored and virtual generated columns are computed by the target; identity columns
                    // are not generated in this sense (is_generated = NEVER) and are copied as they are.
                    if (!"ALWAYS".equalsIgnoreCase(rows.getString(3))) {
                        columns.get(table).add(rows.getString(2));
                        types.get(table).add(rows.getString(4));
                    }
                }
            }
        }
        Map<String, List<String>> keys = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("select k.table_name, k.column_name"
                + " from information_schema.table_constraints c join information_schema.key_column_usage k"
                + " on k.constraint_name = c.constraint_name and k.table_schema = c.table_schema"
                + " and k.table_name = c.table_name"
                + " where c.constraint_type = 'PRIMARY KEY' and c.table_schema = ? and c.table_name in (" + in + ")"
                + " order by k.table_name, k.ordinal_position")) {
            bind(query, schema, names);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    keys.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(rows.getString(2));
                }
            }
        }
        Map<String, TableShape> shapes = new LinkedHashMap<>();
        for (String table : names) {
            List<String> written = columns.getOrDefault(table, List.of());
            if (!written.isEmpty()) {
                shapes.put(table, new TableShape(schema, table, List.copyOf(written), List.copyOf(types.get(table)),
                        List.copyOf(keys.getOrDefault(table, List.of()))));
            }
        }
        return shapes;
    }

    private static void bind(PreparedStatement query, String schema, List<String> tables) throws SQLException {
        query.setString(1, schema);
        for (int i = 0; i < tables.size(); i++) {
            query.setString(i + 2, tables.get(i));
        }
    }

    /**
     * Orders tables so that every table comes after the tables its foreign keys point at (among
     * {@code tables}; keys to other tables, and a table's keys to itself, do not order). Tables
     * on a cycle keep their given order at the end.
     * @return {@code tables}, parents first
     */
    static List<String> inForeignKeyOrder(Connection connection, Vendor vendor, String schema,
            Collection<String> tables) throws SQLException {
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        for (String table : tables) {
            parents.put(table, new LinkedHashSet<>());
        }
        // One query for every table, in the catalog each database reads fastest: PostgreSQL's own
        // (its information_schema has no referenced table), MariaDB's information_schema.
        String sql = vendor == Vendor.MARIADB
                ? "select table_name, referenced_table_name from information_schema.referential_constraints"
                        + " where constraint_schema = ? and unique_constraint_schema = constraint_schema"
                : "select c.relname, p.relname from pg_constraint k join pg_class c on c.oid = k.conrelid"
                        + " join pg_class p on p.oid = k.confrelid join pg_namespace n on n.oid = c.relnamespace"
                        + " where k.contype = 'f' and n.nspname = ? and p.relnamespace = n.oid";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, schema);
            try (ResultSet keys = query.executeQuery()) {
                while (keys.next()) {
                    String table = keys.getString(1);
                    String parent = keys.getString(2);
                    if (parents.containsKey(table) && !parent.equals(table) && tables.contains(parent)) {
                        parents.get(table).add(parent);
                    }
                }
            }
        }
        List<String> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        boolean progress = true;
        while (placed.size() < tables.size() && progress) {
            progress = false;
            for (String table : tables) {
                if (!placed.contains(table) && placed.containsAll(parents.get(table))) {
                    ordered.add(table);
                    placed.add(table);
                    progress = true;
                }
            }
        }
        for (String table : tables) {
            if (placed.add(table)) {
                ordered.add(table);
            }
        }
        return ordered;
    }
}
