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
 *
 * <p>Longer than most files here: each grant has its revoke and a PostgreSQL and a MariaDB form,
 * kept together so that what one start grants, a later start can be seen to take back.
 */
final class Roles {

    /** PostgreSQL: the comment on every role context-db created. */
    static final String MARK = "context-db";
    /** MariaDB: the role, without privileges, granted to every user context-db created. */
    static final String MARK_ROLE = "context_db";

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
            execute("COMMENT ON ROLE " + vendor.quote(role) + " IS '" + MARK + "'");
        } else {
            execute("CREATE USER IF NOT EXISTS " + account(role));
            if (password != null) {
                // The driver sends the password as an escaped literal of a client-side prepared statement.
                try (PreparedStatement alter = admin.prepareStatement("ALTER USER " + account(role) + " IDENTIFIED BY ?")) {
                    alter.setString(1, password);
                    alter.execute();
                }
            }
            // MariaDB has no comment on users: a role without privileges, granted to each, marks them.
            execute("CREATE ROLE IF NOT EXISTS " + vendor.quote(MARK_ROLE));
            execute("GRANT " + vendor.quote(MARK_ROLE) + " TO " + account(role));
        }
    }

    /**
     * The roles (MariaDB: users) context-db created for contexts, found by their mark: this
     * application's and any other's on the server. A role is never released from its mark, so a
     * start after its context went, or was given another role, still finds it.
     */
    public Set<String> marked() throws SQLException {
        if (vendor == Vendor.POSTGRESQL) {
            return names("select r.rolname from pg_roles r join pg_shdescription d on d.objoid = r.oid"
                    + " and d.classoid = 'pg_authid'::regclass where d.description = ?", MARK);
        }
        return names("select User from mysql.roles_mapping where Role = ? and Host = '%' and Admin_option = 'N'", MARK_ROLE);
    }

    /**
     * PostgreSQL: who owns the context's data now: its schema ({@code table} null) or, in the
     * shared schema, its history table; {@code null} when there is none yet.
     */
    public String ownerOf(String schema, String table) throws SQLException {
        Set<String> owners = table == null
                ? names("select pg_get_userbyid(nspowner) from pg_namespace where nspname = ?", schema)
                : names("select pg_get_userbyid(c.relowner) from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                        + " where n.nspname = ? and c.relname = ?", schema, table);
        return owners.isEmpty() ? null : owners.iterator().next();
    }

    /**
     * PostgreSQL: the context's role was renamed; its new role takes over everything the old one
     * owns in this database (all of it the context's), and the old one keeps no privilege here.
     */
    public void handOver(String previous, String role) throws SQLException {
        execute("REASSIGN OWNED BY " + vendor.quote(previous) + " TO " + vendor.quote(role));
        // It owns nothing here any more: this only takes back its privileges and default privileges.
        execute("DROP OWNED BY " + vendor.quote(previous));
    }

    /**
     * Takes every privilege on a context's place from a role (MariaDB: user) that no longer
     * belongs to a context reading it: a context's former role, or the role of a context removed.
     */
    public void revokeAll(String role, String owner, String schema, boolean inSharedSchema) throws SQLException {
        if (vendor == Vendor.MARIADB) {
            execute("REVOKE ALL PRIVILEGES ON " + vendor.quote(schema) + ".*" + " FROM " + account(role));
            return;
        }
        revokeRead(role, owner, schema, inSharedSchema);
        if (inSharedSchema) {
            execute("REVOKE ALL ON SCHEMA " + vendor.quote(schema) + " FROM " + vendor.quote(role));
        }
    }

    /** PostgreSQL: the roles granted anything on the schema itself. */
    public Set<String> granteesOf(String schema) throws SQLException {
        return names("select r.rolname from pg_namespace n cross join lateral aclexplode(n.nspacl) a"
                + " join pg_roles r on r.oid = a.grantee where n.nspname = ?", schema);
    }

    /** A place whose owner granted {@code role} something, as {@link #grantsHeldBy} finds it. */
    public record Grant(String owner, String schema, boolean inSharedSchema) {
    }

    /**
     * Where {@code role} holds privileges on the data of another role: a schema it may use, tables
     * it may read, default privileges on tables to come (PostgreSQL); a database (MariaDB, with
     * the user that has all privileges on it as owner, if one does).
     */
    public Set<Grant> grantsHeldBy(String role) throws SQLException {
        Set<Grant> grants = new HashSet<>();
        String sql;
        String[] parameters;
        if (vendor == Vendor.POSTGRESQL) {
            sql = "with me as (select oid from pg_roles where rolname = ?)"
                    + " select pg_get_userbyid(n.nspowner), n.nspname, false from pg_namespace n"
                    + " cross join lateral aclexplode(n.nspacl) a where a.grantee = (select oid from me)"
                    + " and n.nspowner <> a.grantee"
                    + " union select pg_get_userbyid(c.relowner), n.nspname, c.relowner <> n.nspowner from pg_class c"
                    + " join pg_namespace n on n.oid = c.relnamespace cross join lateral aclexplode(c.relacl) a"
                    + " where a.grantee = (select oid from me) and c.relowner <> a.grantee"
                    + " union select pg_get_userbyid(d.defaclrole), n.nspname, d.defaclrole <> n.nspowner"
                    + " from pg_default_acl d join pg_namespace n on n.oid = d.defaclnamespace"
                    + " cross join lateral aclexplode(d.defaclacl) a where a.grantee = (select oid from me)"
                    + " and d.defaclrole <> a.grantee";
            parameters = new String[] {role};
        } else {
            sql = "select o.GRANTEE, p.TABLE_SCHEMA, false from information_schema.SCHEMA_PRIVILEGES p"
                    + " left join information_schema.SCHEMA_PRIVILEGES o on o.TABLE_SCHEMA = p.TABLE_SCHEMA"
                    + " and o.PRIVILEGE_TYPE = 'DROP' and o.GRANTEE <> p.GRANTEE"
                    + " where p.GRANTEE = ? and p.PRIVILEGE_TYPE = 'SELECT'";
            parameters = new String[] {account(role)};
        }
        try (PreparedStatement query = admin.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String owner = rows.getString(1);
                    if (owner != null && vendor == Vendor.MARIADB) {
                        owner = owner.startsWith("'") && owner.endsWith("'@'%'")
                                ? owner.substring(1, owner.length() - "'@'%'".length()) : null;
                    }
                    grants.add(new Grant(owner, rows.getString(2), rows.getBoolean(3)));
                }
            }
        }
        return grants;
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
