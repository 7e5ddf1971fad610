package dev.contextdb.internal.move;

import dev.contextdb.internal.Vendor;
import dev.contextdb.internal.move.ContextObjects.Item;
import dev.contextdb.internal.move.ContextObjects.Kind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** PostgreSQL's catalog: {@code pg_class}, {@code pg_proc}, {@code pg_type}, {@code pg_constraint}, {@code pg_depend}. */
final class PostgresCatalog extends Catalog {

    /** Not part of an extension: those belong to the extension, not to a context. */
    private static final String NOT_EXTENSION = " and not exists (select 1 from pg_depend e where e.objid = %s"
            + " and e.deptype = 'e')";

    PostgresCatalog(Connection connection) {
        super(connection, Vendor.POSTGRESQL);
    }

    @Override
    String currentSchema() throws SQLException {
        return names("select current_schema()").iterator().next();
    }

    @Override
    List<Item> items(String schema) throws SQLException {
        List<Item> items = new ArrayList<>();
        for (String[] row : rows("select c.relname, c.relkind, t.relname from pg_class c"
                + " join pg_namespace n on n.oid = c.relnamespace"
                + " left join pg_depend d on c.relkind = 'S' and d.classid = 'pg_class'::regclass and d.objid = c.oid"
                + " and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i')"
                + " left join pg_class t on t.oid = d.refobjid"
                + " where n.nspname = ? and c.relkind in ('r', 'p', 'v', 'm', 'S')"
                + NOT_EXTENSION.formatted("c.oid") + " order by c.relname", 3, schema)) {
            Kind kind = switch (row[1]) {
                case "v" -> Kind.VIEW;
                case "m" -> Kind.MATERIALIZED_VIEW;
                case "S" -> row[2] == null ? Kind.SEQUENCE : Kind.OWNED_SEQUENCE;
                default -> Kind.TABLE;
            };
            items.add(new Item(kind, row[0], row[2], null, null));
        }
        for (String[] row : rows("select p.proname, case p.prokind when 'p' then 'PROCEDURE' else 'FUNCTION' end,"
                + " format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)),"
                + " format('%s(%s)', p.proname, pg_get_function_identity_arguments(p.oid))"
                + " from pg_proc p join pg_namespace n on n.oid = p.pronamespace"
                + " where n.nspname = ? and p.prokind in ('f', 'p')" + NOT_EXTENSION.formatted("p.oid")
                + " order by 1, 4", 4, schema)) {
            // The signature as PostgreSQL prints it, to name an overload in ALTER ROUTINE.
            items.add(new Item(Kind.ROUTINE, row[0], row[1], row[2], row[3]));
        }
        for (String[] row : rows("select t.typname, case t.typtype when 'd' then 'DOMAIN' else 'TYPE' end"
                + " from pg_type t join pg_namespace n on n.oid = t.typnamespace where n.nspname = ?"
                + " and (t.typtype in ('e', 'd', 'r') or (t.typtype = 'c'"
                + " and (select c.relkind from pg_class c where c.oid = t.typrelid) = 'c'))"
                + NOT_EXTENSION.formatted("t.oid") + " order by 1", 2, schema)) {
            items.add(new Item(Kind.TYPE, row[0], row[1], null, null));
        }
        for (String[] row : rows("select tg.tgname, c.relname from pg_trigger tg join pg_class c on c.oid = tg.tgrelid"
                + " join pg_namespace n on n.oid = c.relnamespace where n.nspname = ? and not tg.tgisinternal"
                + " order by 2, 1", 2, schema)) {
            items.add(new Item(Kind.TRIGGER, row[0], row[1], null, null));
        }
        for (String[] row : rows("select c.relname, coalesce(r.rolname, 'PUBLIC'),"
                + " string_agg(a.privilege_type, ', ' order by a.privilege_type) from pg_class c"
                + " join pg_namespace n on n.oid = c.relnamespace cross join lateral aclexplode(c.relacl) a"
                + " left join pg_roles r on r.oid = a.grantee where n.nspname = ? and a.grantee <> c.relowner"
                + " and c.relkind in ('r', 'p', 'v', 'm', 'S') group by 1, 2 order by 1, 2", 3, schema)) {
            items.add(new Item(Kind.GRANT, row[1], row[0], row[2], null));
        }
        return items;
    }

    @Override
    List<ForeignKey> foreignKeys(String schema) throws SQLException {
        List<ForeignKey> keys = new ArrayList<>();
        for (String[] row : rows("select con.conname, fn.nspname, f.relname, tn.nspname, t.relname from pg_constraint con"
                + " join pg_class f on f.oid = con.conrelid join pg_namespace fn on fn.oid = f.relnamespace"
                + " join pg_class t on t.oid = con.confrelid join pg_namespace tn on tn.oid = t.relnamespace"
                + " where con.contype = 'f' and (fn.nspname = ? or tn.nspname = ?) order by 2, 3, 1", 5, schema, schema)) {
            keys.add(new ForeignKey(row[0], new Name(row[1], row[2]), new Name(row[3], row[4])));
        }
        return keys;
    }

    @Override
    List<ViewUse> viewUses(String schema) throws SQLException {
        List<ViewUse> uses = new ArrayList<>();
        for (String[] row : rows("select distinct vn.nspname, v.relname, un.nspname, u.relname from pg_rewrite rw"
                + " join pg_class v on v.oid = rw.ev_class join pg_namespace vn on vn.oid = v.relnamespace"
                + " join pg_depend d on d.classid = 'pg_rewrite'::regclass and d.objid = rw.oid"
                + " and d.refclassid = 'pg_class'::regclass join pg_class u on u.oid = d.refobjid"
                + " join pg_namespace un on un.oid = u.relnamespace where u.oid <> v.oid"
                + " and (vn.nspname = ? or un.nspname = ?) order by 1, 2, 3, 4", 4, schema, schema)) {
            uses.add(new ViewUse(new Name(row[0], row[1]), new Name(row[2], row[3])));
        }
        return uses;
    }

    @Override
    Set<String> relationNames(String schema) throws SQLException {
        return names("select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = ?", schema);
    }

    @Override
    boolean exists(String schema) throws SQLException {
        return !names("select nspname from pg_namespace where nspname = ?", schema).isEmpty();
    }

    @Override
    void dropScratch(String schema) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + vendor.quote(schema) + " CASCADE");
        }
    }
}
