package dev.contextdb.internal.move;

import dev.contextdb.ContextConventions;
import dev.contextdb.ContextMove;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.Placement;
import dev.contextdb.internal.MoveEnd;
import dev.contextdb.internal.Vendor;
import dev.contextdb.internal.events.EventTables;
import dev.contextdb.internal.move.Catalog.ForeignKey;
import dev.contextdb.internal.move.Catalog.Name;
import dev.contextdb.internal.move.Catalog.ViewUse;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What belongs to a context at one end of a move: its tables, sequences, views, functions,
 * triggers, grants, migration history and event tables, and what blocks moving them (a foreign
 * key or view that crosses contexts, an object whose owner cannot be decided). Shared by both
 * kinds of move for their plans.
 *
 * <p>Under {@code SCHEMA} and {@code DATABASE} everything in the context's schema is the context's.
 * Under {@code SHARED} the tables of many contexts lie in one schema, and only the context's own
 * migrations can tell which are its: they are run alone into a scratch schema (MariaDB: database)
 * of a unique name, which is dropped again, and what they create there is, by name, what the
 * context owns in the shared schema — plus its history table and its event tables. An object they
 * create that the shared schema lacks is drift, and blocks the move.
 *
 * @param tables the context's tables (without history and event tables), unqualified, in foreign-key order
 * @param objects one line per object, as the plan prints it
 * @param blockers why the context cannot move, one line each; empty when it can
 * @param schema the schema (MariaDB: database) the context's objects are in at this end
 * @param items the context's own objects: tables in foreign-key order, then sequences, views in
 *     the order they read each other, routines, types, triggers and grants
 * @param support its migration history and event tables, as far as they exist
 */
record ContextObjects(List<String> tables, List<String> objects, List<String> blockers, String schema,
        List<Item> items, List<Item> support) {

    /** What an object is. */
    enum Kind {
        TABLE("table"), SEQUENCE("sequence"), OWNED_SEQUENCE("sequence"), VIEW("view"),
        MATERIALIZED_VIEW("materialized view"), ROUTINE("routine"), TYPE("type"), TRIGGER("trigger"), GRANT("grant"),
        DEFAULT("default"),
        HISTORY("migration history"), EVENTS("event table");

        final String label;

        Kind(String label) {
            this.label = label;
        }

        /** Tables, sequences and views share one namespace per schema. */
        boolean relation() {
            return this == TABLE || this == SEQUENCE || this == VIEW || this == MATERIALIZED_VIEW;
        }
    }

    /**
     * One object.
     *
     * @param kind what it is
     * @param name its name (a grant: the grantee)
     * @param of an owned sequence's, a trigger's, a grant's or a column default's table; a routine's or type's keyword
     *     ({@code FUNCTION}, {@code PROCEDURE}, {@code DOMAIN}, {@code TYPE})
     * @param sql PostgreSQL: a routine's qualified signature; MariaDB: the statement that creates a
     *     view, routine or trigger again; a grant: its privileges; MariaDB: a column default that
     *     names the database (a sequence's {@code nextval})
     * @param detail PostgreSQL: a routine's signature for people; MariaDB: the SQL mode a routine or
     *     trigger was created under
     */
    record Item(Kind kind, String name, String of, String sql, String detail) {

        String describe() {
            return switch (kind) {
                case OWNED_SEQUENCE -> "sequence " + name + " (of table " + of + ", moves with it)";
                case ROUTINE -> of.toLowerCase(Locale.ROOT) + " " + (detail != null && detail.contains("(")
                        ? detail : name);
                case TYPE -> of.toLowerCase(Locale.ROOT) + " " + name;
                case TRIGGER -> "trigger " + name + " on table " + of;
                case GRANT -> "grant " + sql + " on " + of + " to " + name;
                case DEFAULT -> "default of " + of + "." + name + ": " + sql;
                default -> kind.label + " " + name;
            };
        }
    }

    /**
     * @param end where the context lives
     * @param connection a connection to that end's database, as {@link MoveEnd#username()}
     * @return what belongs to the context there; reads only (under {@code SHARED} it creates and
     *     drops a scratch schema of its own)
     */
    static ContextObjects read(MoveEnd end, Connection connection) throws SQLException {
        Placement placement = end.placement();
        String context = placement.context();
        if (end.vendor() == Vendor.H2) {
            throw new ContextMove.MoveException(context, "Context '" + context + "' is on H2, which context-db does"
                    + " not move: moves are for PostgreSQL and MariaDB.", "export the data by hand, or run the"
                    + " application on PostgreSQL or MariaDB.", null);
        }
        Catalog catalog = Catalog.of(end.vendor(), connection);
        String schema = placement.schema() != null ? placement.schema() : catalog.currentSchema();
        List<Item> all = catalog.items(schema);
        List<String> blockers = new ArrayList<>();

        String history = ContextConventions.historyTable(context, placement.strategy());
        EventTables events = EventTables.of(placement);
        Set<String> eventNames = new LinkedHashSet<>(List.of(events.outbox(), events.delivery(), events.inbox(),
                events.history()));
        Set<String> present = new HashSet<>();
        all.stream().filter(item -> item.kind() == Kind.TABLE).forEach(item -> present.add(item.name()));
        List<Item> support = new ArrayList<>();
        if (present.contains(history)) {
            support.add(new Item(Kind.HISTORY, history, null, null, null));
        } else {
            blockers.add("The migration history of context '" + context + "' (" + schema + "." + history
                    + ") is not there: the context has not been started with the configuration the move starts from.");
        }
        eventNames.stream().filter(present::contains).forEach(name -> support.add(new Item(Kind.EVENTS, name, null,
                null, null)));
        Set<String> supportNames = new HashSet<>();
        support.forEach(item -> supportNames.add(item.name()));

        Predicate<Item> own;
        if (placement.strategy() == IsolationStrategy.SHARED) {
            Set<String> created = new HashSet<>();
            String failure = Scratch.created(end, catalog, created);
            if (failure != null) {
                blockers.add("Which objects of the shared schema " + schema + " are context '" + context + "''s"
                        + " cannot be decided: its migrations, run alone in a scratch schema to find out, failed ("
                        + failure + "); a migration that uses another context's table ties the two contexts.");
            }
            Set<String> existing = new HashSet<>();
            all.forEach(item -> existing.add(key(item)));
            created.stream().filter(key -> !existing.contains(key)).sorted().forEach(key -> blockers.add("The "
                    + key.replace(':', ' ') + ", which the migrations of context '" + context + "' create, is missing"
                    + " in schema " + schema + " (changed by hand since?)."));
            own = item -> !supportNames.contains(item.name()) && created.contains(key(item));
        } else {
            own = item -> !(item.kind() == Kind.TABLE && supportNames.contains(item.name()));
        }
        List<Item> mine = new ArrayList<>();
        Set<String> ownRelations = new HashSet<>(supportNames);
        for (Item item : all) {
            if ((item.kind().relation() || item.kind() == Kind.ROUTINE || item.kind() == Kind.TYPE) && own.test(item)) {
                mine.add(item);
                if (item.kind().relation()) {
                    ownRelations.add(item.name());
                }
            }
        }
        for (Item item : all) {
            if ((item.kind() == Kind.OWNED_SEQUENCE || item.kind() == Kind.TRIGGER || item.kind() == Kind.GRANT
                    || item.kind() == Kind.DEFAULT) && ownRelations.contains(item.of())) {
                mine.add(item);
            }
        }

        Set<Name> relations = new HashSet<>();
        ownRelations.forEach(name -> relations.add(new Name(schema, name)));
        Owners owners = new Owners(end, schema);
        List<ForeignKey> keys = catalog.foreignKeys(schema);
        for (ForeignKey key : keys) {
            boolean from = relations.contains(key.from());
            boolean to = relations.contains(key.to());
            if (to && !from) {
                blockers.add("Foreign key " + key.constraint() + " of table " + key.from() + owners.of(key.from())
                        + " references table " + key.to().name() + " of context '" + context + "'.");
            } else if (from && !to) {
                blockers.add("Foreign key " + key.constraint() + " of table " + key.from().name() + " of context '"
                        + context + "' references table " + key.to() + owners.of(key.to()) + ".");
            }
        }
        List<ViewUse> uses = catalog.viewUses(schema);
        for (ViewUse use : uses) {
            boolean view = relations.contains(use.view());
            boolean used = relations.contains(use.uses());
            if (used && !view) {
                blockers.add("View " + use.view() + owners.of(use.view()) + " reads " + use.uses().name()
                        + " of context '" + context + "'.");
            } else if (view && !used && !system(use.uses().schema())) {
                blockers.add("View " + use.view().name() + " of context '" + context + "' reads " + use.uses()
                        + owners.of(use.uses()) + ".");
            }
        }

        List<Item> ordered = order(mine, keys, uses, schema);
        List<String> tables = ordered.stream().filter(item -> item.kind() == Kind.TABLE).map(Item::name).toList();
        List<String> objects = new ArrayList<>();
        ordered.forEach(item -> objects.add(item.describe()));
        support.forEach(item -> objects.add(item.describe()));
        return new ContextObjects(tables, objects, blockers, schema, ordered, support);
    }

    /** Relations by name, routines and types each in their own namespace. */
    static String key(Item item) {
        if (item.kind().relation()) {
            return "relation:" + item.name();
        }
        return (item.kind() == Kind.ROUTINE ? "routine:" : item.kind() == Kind.TYPE ? "type:" : "other:") + item.name();
    }

    private static boolean system(String schema) {
        return schema.equals("pg_catalog") || schema.equals("information_schema");
    }

    /**
     * Tables parents first (a table after every table it references; a cycle keeps name order),
     * views after the views they read, everything else as the catalog listed it.
     */
    private static List<Item> order(List<Item> mine, List<ForeignKey> keys, List<ViewUse> uses, String schema) {
        Map<String, Set<String>> tableParents = new HashMap<>();
        for (ForeignKey key : keys) {
            if (key.from().schema().equals(schema) && key.to().schema().equals(schema)
                    && !key.from().name().equals(key.to().name())) {
                tableParents.computeIfAbsent(key.from().name(), name -> new HashSet<>()).add(key.to().name());
            }
        }
        Map<String, Set<String>> viewParents = new HashMap<>();
        for (ViewUse use : uses) {
            if (use.view().schema().equals(schema) && use.uses().schema().equals(schema)) {
                viewParents.computeIfAbsent(use.view().name(), name -> new HashSet<>()).add(use.uses().name());
            }
        }
        List<Item> ordered = new ArrayList<>();
        ordered.addAll(topological(mine.stream().filter(item -> item.kind() == Kind.TABLE).toList(), tableParents));
        mine.stream().filter(item -> item.kind() == Kind.SEQUENCE).forEach(ordered::add);
        List<Item> views = new ArrayList<>();
        mine.stream().filter(item -> item.kind() == Kind.VIEW || item.kind() == Kind.MATERIALIZED_VIEW)
                .forEach(views::add);
        ordered.addAll(topological(views, viewParents));
        for (Kind kind : List.of(Kind.OWNED_SEQUENCE, Kind.ROUTINE, Kind.TYPE, Kind.TRIGGER, Kind.GRANT, Kind.DEFAULT)) {
            mine.stream().filter(item -> item.kind() == kind).forEach(ordered::add);
        }
        return ordered;
    }

    private static List<Item> topological(List<Item> items, Map<String, Set<String>> parents) {
        Map<String, Item> byName = new LinkedHashMap<>();
        items.forEach(item -> byName.put(item.name(), item));
        List<Item> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        boolean progress = true;
        while (placed.size() < byName.size() && progress) {
            progress = false;
            for (Item item : byName.values()) {
                if (placed.contains(item.name())) {
                    continue;
                }
                boolean ready = parents.getOrDefault(item.name(), Set.of()).stream()
                        .allMatch(parent -> placed.contains(parent) || !byName.containsKey(parent));
                if (ready) {
                    ordered.add(item);
                    placed.add(item.name());
                    progress = true;
                }
            }
        }
        // A cycle of foreign keys: the rest in name order (a copy then needs its constraints deferred).
        byName.values().stream().filter(item -> !placed.contains(item.name())).forEach(ordered::add);
        return ordered;
    }

    /** Names the context a table of another schema belongs to, where its schema tells. */
    private static final class Owners {

        private final Map<String, String> bySchema = new HashMap<>();
        private final String shared;

        Owners(MoveEnd end, String schema) {
            this.shared = end.placement().strategy() == IsolationStrategy.SHARED ? schema : null;
            try {
                for (Placement placement : end.placements()) {
                    if (placement.strategy() == IsolationStrategy.SCHEMA && placement.schema() != null) {
                        bySchema.put(placement.schema(), placement.context());
                    }
                }
            } catch (RuntimeException e) {
                // Only the names in the message are lost.
            }
        }

        String of(Name name) {
            String context = bySchema.get(name.schema());
            if (context != null) {
                return " (context '" + context + "')";
            }
            return name.schema().equals(shared) ? " (another context's, in the shared schema)" : " (no context's)";
        }
    }
}
