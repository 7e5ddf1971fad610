package dev.contextdb.internal.move;

import dev.contextdb.internal.Vendor;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
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
 * at. Read through {@code information_schema} and JDBC metadata with the names bound, never
 * concatenated, so it reads PostgreSQL and MariaDB alike.
 *
 * @param schema the schema (MariaDB: database) it lies in
 * @param name its name, as the catalog spells it
 * @param columns the columns a copy writes, in the table's order
 * @param key its primary key's columns, in key order; empty without one
 */
record TableShape(String schema, String name, List<String> columns, List<String> key) {

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
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select column_name, is_generated"
                + " from information_schema.columns where table_schema = ? and table_name = ? order by ordinal_position")) {
            query.setString(1, schema);
            query.setString(2, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    // Stored and virtual generated columns are computed by the target; identity columns
                    // are not generated in this sense (is_generated = NEVER) and are copied as they are.
                    if (!"ALWAYS".equalsIgnoreCase(rows.getString(2))) {
                        columns.add(rows.getString(1));
                    }
                }
            }
        }
        if (columns.isEmpty()) {
            return null;
        }
        List<String> key = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select k.column_name"
                + " from information_schema.table_constraints c join information_schema.key_column_usage k"
                + " on k.constraint_name = c.constraint_name and k.table_schema = c.table_schema"
                + " and k.table_name = c.table_name"
                + " where c.constraint_type = 'PRIMARY KEY' and c.table_schema = ? and c.table_name = ?"
                + " order by k.ordinal_position")) {
            query.setString(1, schema);
            query.setString(2, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    key.add(rows.getString(1));
                }
            }
        }
        return new TableShape(schema, table, List.copyOf(columns), List.copyOf(key));
    }

    /**
     * Orders tables so that every table comes after the tables its foreign keys point at (among
     * {@code tables}; keys to other tables, and a table's keys to itself, do not order). Tables
     * on a cycle keep their given order at the end.
     * @return {@code tables}, parents first
     */
    static List<String> inForeignKeyOrder(Connection connection, Vendor vendor, String schema,
            Collection<String> tables) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        for (String table : tables) {
            Set<String> pointsAt = new LinkedHashSet<>();
            // MariaDB calls a database a catalog, PostgreSQL a schema; neither name is a pattern here.
            try (ResultSet keys = vendor == Vendor.MARIADB ? metaData.getImportedKeys(schema, null, table)
                    : metaData.getImportedKeys(null, schema, table)) {
                while (keys.next()) {
                    String parent = keys.getString("PKTABLE_NAME");
                    if (!parent.equals(table) && tables.contains(parent)) {
                        pointsAt.add(parent);
                    }
                }
            }
            parents.put(table, pointsAt);
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
