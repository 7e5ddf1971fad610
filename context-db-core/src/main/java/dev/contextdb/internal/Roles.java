package dev.contextdb.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Creates context roles (PostgreSQL) or users (MariaDB) and grants them their own schema and
 * read access to the schemas they declare in {@code reads}, taking back read access that an
 * earlier start granted for a read no longer declared. Every name has passed
 * {@link Identifiers#check}; passwords never appear in SQL text.
 */
public final class Roles {

    private final Vendor vendor;
    private final Connection admin;

    /**
     * @param vendor PostgreSQL or MariaDB
     * @param admin a connection of the user that may create roles and schemas
     */
    public Roles(Vendor vendor, Connection admin) {
        this.vendor = vendor;
        this.admin = admin;
    }

    /** Creates the role unless it exists, lets it log in and sets its password when one is given. */
    public void create(String role, String password) throws SQLException {
        if (vendor == Vendor.POSTGRESQL) {
            boolean exists;
            try (PreparedStatement query = admin.prepareStatement("select 1 from pg_roles where rolname = ?")) {
                query.setString(1, role);
                try (ResultSet row = query.executeQuery()) {
                    exists = row.next();
                }
            }
            execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + vendor.quote(role) + " LOGIN");
            if (password != null) {
                PostgresPasswords.set(admin, role, password);
            }
        } else {
            execute("CREATE USER IF NOT EXISTS " + account(role));
            if (password != null) {
                // The driver sends the password as an escaped literal of a client-side prepared statement.
                try (PreparedStatement alter = admin.prepareStatement("ALTER USER " + account(role) + " IDENTIFIED BY ?")) {
                    alter.setString(1, password);
                    alter.execute();
                }
            }
        }
    }

    /**
     * Gives the role its schema (MariaDB: database): creates it if missing and makes the role its
     * owner, together with every table, view and sequence already in it.
     */
    public void own(String role, String schema) throws SQLException {
        vendor.createIfMissing(admin, schema);
        if (vendor == Vendor.POSTGRESQL) {
            execute("ALTER SCHEMA " + vendor.quote(schema) + " OWNER TO " + vendor.quote(role));
            for (String[] relation : relationsNotOwnedBy(role, schema)) {
                execute("ALTER " + relation[1] + " " + vendor.quote(schema) + "." + vendor.quote(relation[0])
                        + " OWNER TO " + vendor.quote(role));
            }
            execute("REVOKE EXECUTE ON ALL ROUTINES IN SCHEMA " + vendor.quote(schema) + " FROM PUBLIC");
            revokeExecuteFromPublic(role);
        } else {
            execute("GRANT ALL PRIVILEGES ON " + vendor.quote(schema) + ".* TO " + account(role));
        }
    }

    /** PostgreSQL, shared schema: the role may create its own tables there (and owns what it creates). */
    public void createIn(String role, String sharedSchema) throws SQLException {
        execute("GRANT USAGE, CREATE ON SCHEMA " + vendor.quote(sharedSchema) + " TO " + vendor.quote(role));
        revokeExecuteFromPublic(role);
    }

    /**
     * PostgreSQL lets {@code PUBLIC} execute every new function: any role with {@code USAGE} on
     * the schema — a declared reader, or under {@code SHARED} every context — could call the
     * context's functions. Default privileges per schema can only add to the global ones, so this
     * one is global, for the functions the role creates.
     */
    private void revokeExecuteFromPublic(String role) throws SQLException {
        execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + vendor.quote(role) + " REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC");
    }

    /**
     * Lets {@code reader} select from {@code owner}'s data, present and future: every table of
     * its own schema, or, {@code inSharedSchema}, the tables it owns in the shared schema (PostgreSQL).
     */
    public void grantRead(String reader, String owner, String schema, boolean inSharedSchema) throws SQLException {
        changeRead(Change.GRANT, reader, owner, schema, inSharedSchema);
    }

    /** Takes back what {@link #grantRead} gave: {@code reader} may no longer read {@code owner}'s data, nor its future tables. */
    public void revokeRead(String reader, String owner, String schema, boolean inSharedSchema) throws SQLException {
        changeRead(Change.REVOKE, reader, owner, schema, inSharedSchema);
    }

    /**
     * The roles that may read {@code owner}'s data by grant, now or in its future tables, as
     * {@link #grantRead} gives it. May include the owner itself.
     */
    public Set<String> readers(String owner, String schema, boolean inSharedSchema) throws SQLException {
        return inSharedSchema ? readersOfOwnedTables(owner, schema) : readersOfSchema(schema);
    }

    /**
     * {@code USAGE} on the schema or a default privilege in it (PostgreSQL), {@code SELECT} on the
     * database (MariaDB).
     */
    private Set<String> readersOfSchema(String schema) throws SQLException {
        if (vendor == Vendor.POSTGRESQL) {
            return names("select r.rolname from pg_namespace n cross join lateral aclexplode(n.nspacl) a"
                    + " join pg_roles r on r.oid = a.grantee where n.nspname = ? and a.privilege_type = 'USAGE'"
                    + " union select r.rolname from pg_default_acl d join pg_namespace n on n.oid = d.defaclnamespace"
                    + " cross join lateral aclexplode(d.defaclacl) a join pg_roles r on r.oid = a.grantee"
                    + " where n.nspname = ?", schema, schema);
        }
        Set<String> readers = new HashSet<>();
        for (String grantee : names("select GRANTEE from information_schema.SCHEMA_PRIVILEGES"
                + " where TABLE_SCHEMA = ? and PRIVILEGE_TYPE = 'SELECT'", schema)) {
            if (grantee.startsWith("'") && grantee.endsWith("'@'%'")) {
                readers.add(grantee.substring(1, grantee.length() - "'@'%'".length()));
            }
        }
        return readers;
    }

    /** PostgreSQL, shared schema: {@code SELECT} on a table {@code owner} owns there, or on its future tables. */
    private Set<String> readersOfOwnedTables(String owner, String sharedSchema) throws SQLException {
        return names("select r.rolname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " cross join lateral aclexplode(c.relacl) a join pg_roles r on r.oid = a.grantee"
                + " where n.nspname = ? and pg_get_userbyid(c.relowner) = ? and a.privilege_type = 'SELECT'"
                + " union select r.rolname from pg_default_acl d join pg_namespace n on n.oid = d.defaclnamespace"
                + " cross join lateral aclexplode(d.defaclacl) a join pg_roles r on r.oid = a.grantee"
                + " where n.nspname = ? and d.defaclrole = (select oid from pg_roles where rolname = ?)",
                sharedSchema, owner, sharedSchema, owner);
    }

    private void changeRead(Change change, String reader, String owner, String schema, boolean inSharedSchema)
            throws SQLException {
        if (inSharedSchema) {
            readOfOwnedTables(change, reader, owner, schema);
        } else {
            readOfSchema(change, reader, owner, schema);
        }
    }

    /** A grant and its revocation are the same statements with another verb and preposition. */
    private enum Change {
        GRANT(" TO "), REVOKE(" FROM ");

        final String preposition;

        Change(String preposition) {
            this.preposition = preposition;
        }
    }

    private void readOfSchema(Change change, String reader, String owner, String schema) throws SQLException {
        if (vendor == Vendor.POSTGRESQL) {
            String s = vendor.quote(schema);
            String r = change.preposition + vendor.quote(reader);
            execute(change + " USAGE ON SCHEMA " + s + r);
            execute(change + " SELECT ON ALL TABLES IN SCHEMA " + s + r);
            execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + vendor.quote(owner) + " IN SCHEMA " + s + " " + change
                    + " SELECT ON TABLES" + r);
        } else {
            execute(change + " SELECT ON " + vendor.quote(schema) + ".*" + change.preposition + account(reader));
        }
    }

    private void readOfOwnedTables(Change change, String reader, String owner, String sharedSchema)
            throws SQLException {
        String s = vendor.quote(sharedSchema);
        String r = change.preposition + vendor.quote(reader);
        for (String[] relation : relationsOwnedBy(owner, sharedSchema)) {
            execute(change + " SELECT ON " + s + "." + vendor.quote(relation[0]) + r);
        }
        execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + vendor.quote(owner) + " IN SCHEMA " + s + " " + change
                + " SELECT ON TABLES" + r);
    }

    /** @return the schema new objects of the administrator's connection go to */
    public String currentSchema() throws SQLException {
        if (vendor == Vendor.MARIADB) {
            return admin.getCatalog();
        }
        try (Statement statement = admin.createStatement(); ResultSet row = statement.executeQuery("select current_schema()")) {
            row.next();
            return row.getString(1);
        }
    }

    private List<String[]> relationsNotOwnedBy(String role, String schema) throws SQLException {
        return relations(role, schema, false);
    }

    private List<String[]> relationsOwnedBy(String role, String schema) throws SQLException {
        return relations(role, schema, true);
    }

    private List<String[]> relations(String role, String schema, boolean owned) throws SQLException {
        String sql = "select c.relname, case c.relkind when 'v' then 'VIEW' when 'm' then 'MATERIALIZED VIEW'"
                + " when 'S' then 'SEQUENCE' else 'TABLE' end from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = ? and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')"
                + " and (pg_get_userbyid(c.relowner) = ?) = ?"
                // sequences owned by a table column follow their table
                + " and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i'))";
        List<String[]> relations = new ArrayList<>();
        try (PreparedStatement query = admin.prepareStatement(sql)) {
            query.setString(1, schema);
            query.setString(2, role);
            query.setBoolean(3, owned);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    relations.add(new String[] {rows.getString(1), rows.getString(2)});
                }
            }
        }
        return relations;
    }

    private Set<String> names(String sql, String... parameters) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement query = admin.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    private String account(String role) {
        // A plain identifier (checked), so it can stand in quotes as a MariaDB account name.
        return "'" + role + "'@'%'";
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute(sql);
        }
    }
}
