package dev.contextdb.internal.move;

import dev.contextdb.internal.Vendor;
import dev.contextdb.internal.move.ContextObjects.Item;
import dev.contextdb.internal.move.ContextObjects.Kind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MariaDB's catalog: {@code information_schema}, and {@code SHOW CREATE} for the views, routines
 * and triggers a move drops and creates again, as they cannot change database.
 */
final class MariaDbCatalog extends Catalog {

    /** A qualified name in a view's stored definition: {@code `database`.`table`}. */
    private static final Pattern QUALIFIED = Pattern.compile("`((?:[^`]|``)+)`\\.`((?:[^`]|``)+)`");

    MariaDbCatalog(Connection connection) {
        super(connection, Vendor.MARIADB);
    }

    @Override
    String currentSchema() throws SQLException {
        return connection.getCatalog();
    }

    @Override
    List<Item> items(String schema) throws SQLException {
        List<Item> items = new ArrayList<>();
        for (String[] row : rows("select table_name, table_type from information_schema.tables where table_schema = ?"
                + " order by table_name", 2, schema)) {
            switch (row[1]) {
                case "VIEW" -> {
                    String[] created = showCreate("VIEW", schema, row[0], 2, -1);
                    items.add(new Item(Kind.VIEW, row[0], null, created[0], null));
                }
                case "SEQUENCE" -> items.add(new Item(Kind.SEQUENCE, row[0], null, null, null));
                default -> items.add(new Item(Kind.TABLE, row[0], null, null, null));
            }
        }
        for (String[] row : rows("select routine_name, routine_type from information_schema.routines"
                + " where routine_schema = ? order by 1", 2, schema)) {
            String[] created = showCreate(row[1], schema, row[0], 3, 2);
            items.add(new Item(Kind.ROUTINE, row[0], row[1], created[0], created[1]));
        }
        for (String[] row : rows("select trigger_name, event_object_table from information_schema.triggers"
                + " where trigger_schema = ? order by 2, action_order", 2, schema)) {
            String[] created = showCreate("TRIGGER", schema, row[0], 3, 2);
            items.add(new Item(Kind.TRIGGER, row[0], row[1], created[0], created[1]));
        }
        // A default such as nextval(`db`.`seq`) names the database: it must be pointed at the target.
        for (String[] row : rows("select table_name, column_name, column_default from information_schema.columns"
                + " where table_schema = ? and column_default like concat('%`', ?, '`.%') order by 1, 2", 3,
                schema, schema)) {
            items.add(new Item(Kind.DEFAULT, row[1], row[0], row[2], null));
        }
        for (String[] row : rows("select table_name, grantee, group_concat(privilege_type order by privilege_type"
                + " separator ', ') from information_schema.table_privileges where table_schema = ?"
                + " group by 1, 2 order by 1, 2", 3, schema)) {
            items.add(new Item(Kind.GRANT, row[1], row[0], row[2], null));
        }
        return items;
    }

    /**
     * @return the statement that creates the object again, and the SQL mode it was created under
     *     ({@code null} where the server keeps none)
     */
    private String[] showCreate(String kind, String schema, String name, int statementColumn, int modeColumn)
            throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SHOW CREATE " + kind + " " + vendor.quote(schema) + "."
                        + vendor.quote(name))) {
            if (!row.next()) {
                throw new SQLException("SHOW CREATE " + kind + " " + schema + "." + name + " returned nothing");
            }
            String created = row.getString(statementColumn);
            if (created == null) {
                throw new SQLException("SHOW CREATE " + kind + " " + schema + "." + name + " shows no definition:"
                        + " the move's user needs the right to see it (SHOW VIEW, or the routine's owner)");
            }
            return new String[] {created, modeColumn < 0 ? null : row.getString(modeColumn)};
        }
    }

    @Override
    List<ForeignKey> foreignKeys(String schema) throws SQLException {
        List<ForeignKey> keys = new ArrayList<>();
        for (String[] row : rows("select constraint_name, constraint_schema, table_name, unique_constraint_schema,"
                + " referenced_table_name from information_schema.referential_constraints"
                + " where constraint_schema = ? or unique_constraint_schema = ? order by 2, 3, 1", 5, schema, schema)) {
            keys.add(new ForeignKey(row[0], new Name(row[1], row[2]), new Name(row[3], row[4])));
        }
        return keys;
    }

    @Override
    List<ViewUse> viewUses(String schema) throws SQLException {
        // MariaDB keeps no dependencies of views: their stored definitions name every table they
        // read as `database`.`table`.
        Set<String> databases = names("select schema_name from information_schema.schemata");
        List<ViewUse> uses = new ArrayList<>();
        for (String[] row : rows("select table_schema, table_name, view_definition from information_schema.views"
                + " order by 1, 2", 3)) {
            if (row[2] == null) {
                continue;
            }
            Name view = new Name(row[0], row[1]);
            Matcher matcher = QUALIFIED.matcher(row[2]);
            Set<Name> seen = new LinkedHashSet<>();
            while (matcher.find()) {
                String database = matcher.group(1).replace("``", "`");
                if (databases.contains(database)) {
                    seen.add(new Name(database, matcher.group(2).replace("``", "`")));
                }
            }
            for (Name used : seen) {
                if (!used.equals(view) && (view.schema().equals(schema) || used.schema().equals(schema))) {
                    uses.add(new ViewUse(view, used));
                }
            }
        }
        return uses;
    }

    @Override
    Set<String> relationNames(String schema) throws SQLException {
        return names("select table_name from information_schema.tables where table_schema = ?", schema);
    }

    @Override
    boolean exists(String schema) throws SQLException {
        return !names("select schema_name from information_schema.schemata where schema_name = ?", schema).isEmpty();
    }

    @Override
    void dropScratch(String schema) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + vendor.quote(schema));
        }
    }
}
