package dev.contextdb.internal.move;

import dev.contextdb.internal.Vendor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one database's catalog says about one schema (MariaDB: database): its objects, and the
 * foreign keys and views that tie them to other schemas' objects. Reads only; the two
 * implementations keep PostgreSQL's and MariaDB's catalog queries side by side with nothing else.
 */
abstract class Catalog {

    /** Where something lives. */
    record Name(String schema, String name) {
        @Override
        public String toString() {
            return schema + "." + name;
        }
    }

    /** A foreign key: {@code constraint} of table {@code from} references table {@code to}. */
    record ForeignKey(String constraint, Name from, Name to) {
    }

    /** View {@code view} reads relation {@code uses}. */
    record ViewUse(Name view, Name uses) {
    }

    final Connection connection;
    final Vendor vendor;

    Catalog(Connection connection, Vendor vendor) {
        this.connection = connection;
        this.vendor = vendor;
    }

    static Catalog of(Vendor vendor, Connection connection) {
        return vendor == Vendor.POSTGRESQL ? new PostgresCatalog(connection) : new MariaDbCatalog(connection);
    }

    /** @return the schema unqualified names of this connection resolve in (MariaDB: its database) */
    abstract String currentSchema() throws SQLException;

    /**
     * @return every object of the schema: tables, sequences (owned ones with their table), views,
     *     routines, types, triggers and grants; MariaDB's views, routines and triggers with the
     *     statements that create them again
     */
    abstract List<ContextObjects.Item> items(String schema) throws SQLException;

    /** @return the foreign keys from or to a table of the schema */
    abstract List<ForeignKey> foreignKeys(String schema) throws SQLException;

    /** @return what the schema's views read, and the views of other schemas that read the schema's relations */
    abstract List<ViewUse> viewUses(String schema) throws SQLException;

    /** @return the names of every relation in the schema (PostgreSQL also its indexes), to tell a clash */
    abstract Set<String> relationNames(String schema) throws SQLException;

    /** @return whether the schema (MariaDB: database) exists */
    abstract boolean exists(String schema) throws SQLException;

    /** Drops a schema (MariaDB: database) made for the move's own use, with what is in it. */
    abstract void dropScratch(String schema) throws SQLException;

    List<String[]> rows(String sql, int columns, String... parameters) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    String[] row = new String[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = result.getString(i + 1);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    Set<String> names(String sql, String... parameters) throws SQLException {
        Set<String> names = new LinkedHashSet<>();
        for (String[] row : rows(sql, 1, parameters)) {
            names.add(row[0]);
        }
        return names;
    }
}
