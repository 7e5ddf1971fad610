package dev.contextdb.internal;

import dev.contextdb.ContextConventions;
import dev.contextdb.ContextDbConfigurationException;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.internal.Plan.Admin;
import dev.contextdb.internal.Plan.ContextPlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code context-db.roles.enabled}: before anything migrates, the shared database's user creates
 * each context's role, gives it its schema (or, under {@code SHARED}, the right to create its own
 * tables in the shared schema) and grants it read access to what it declares in {@code reads},
 * taking back read access that an earlier start granted for a read since removed.
 * Migrations then run as the context's role, so the role owns its tables. Instances starting at
 * once take turns, under {@link SetupLock}.
 */
final class RoleSetup {

    private static final String FIX = "the user of context-db.datasource must be able to create roles and schemas"
            + " and grant on them (PostgreSQL: CREATEROLE and CREATE on the database; MariaDB: CREATE USER and GRANT"
            + " OPTION), or create them beforehand.";

    private RoleSetup() {
    }

    static void apply(Plan plan, Drivers drivers) {
        Admin admin = plan.admin();
        String step = "connecting as the administrator";
        try (Connection connection = drivers.connect(admin.url(), admin.username(), admin.password())) {
            connection.setAutoCommit(true);
            step = "waiting for other instances of the application to finish their set-up";
            try (SetupLock lock = SetupLock.acquire(admin.vendor(), connection)) {
                apply(plan, connection, admin);
            }
        } catch (SQLException e) {
            throw new ContextDbConfigurationException(null, "context-db.roles.enabled",
                    "context-db.roles.enabled=true: setting up roles failed while " + step + ": " + e.getMessage(),
                    FIX, e);
        }
    }

    private static void apply(Plan plan, Connection connection, Admin admin) {
        String step = "reading the schema of the administrator's connection";
        try {
            Roles roles = new Roles(admin.vendor(), connection);
            boolean postgres = admin.vendor() == Vendor.POSTGRESQL;
            String sharedSchema = roles.currentSchema();
            Set<String> current = new HashSet<>();
            Map<String, ContextPlan> byRole = new HashMap<>();
            for (ContextPlan context : plan.contexts()) {
                if (context.role() != null) {
                    current.add(context.role());
                    byRole.put(context.role(), context);
                }
            }
            step = "finding the roles context-db created at earlier starts";
            Set<String> earlier = roles.marked();
            for (ContextPlan context : plan.contexts()) {
                if (context.role() == null) {
                    continue;
                }
                boolean shared = context.placement().strategy() == IsolationStrategy.SHARED;
                step = "creating role " + context.role() + " for context '" + context.name() + "'";
                roles.create(context.role(), context.rolePassword());
                if (postgres) {
                    String previous = shared ? roles.ownerOf(sharedSchema,
                            ContextConventions.historyTable(context.name(), IsolationStrategy.SHARED))
                            : roles.ownerOf(context.placement().schema(), null);
                    if (previous != null && earlier.contains(previous) && !current.contains(previous)) {
                        step = "handing the objects of context '" + context.name() + "' from its former role "
                                + previous + " to its role " + context.role();
                        roles.handOver(previous, context.role());
                    }
                }
                if (shared) {
                    step = "letting role " + context.role() + " create tables in schema " + sharedSchema;
                    roles.createIn(context.role(), sharedSchema);
                } else {
                    step = "giving schema " + context.placement().schema() + " to role " + context.role();
                    roles.own(context.role(), context.placement().schema());
                }
            }
            Set<String> marked = new HashSet<>(earlier);
            marked.addAll(current);
            for (ContextPlan owner : plan.contexts()) {
                if (owner.role() == null) {
                    continue;
                }
                boolean shared = owner.placement().strategy() == IsolationStrategy.SHARED;
                String schema = shared ? sharedSchema : owner.placement().schema();
                step = "reading who may read the data of context '" + owner.name() + "'";
                Set<String> readers = roles.readers(owner.role(), schema, shared);
                Set<String> declared = new HashSet<>();
                for (ContextPlan reader : plan.contexts()) {
                    if (reader.role() != null && !reader.role().equals(owner.role())
                            && reader.placement().reads().contains(owner.name())) {
                        declared.add(reader.role());
                        step = "granting context '" + reader.name() + "' read access to context '" + owner.name() + "'";
                        roles.grantRead(reader.role(), owner.role(), schema, shared);
                    }
                }
                for (String reader : readers) {
                    // Only context-db's own roles: grants to other roles are someone else's decision.
                    if (reader.equals(owner.role()) || declared.contains(reader) || !marked.contains(reader)) {
                        continue;
                    }
                    ContextPlan context = byRole.get(reader);
                    if (context != null) {
                        // Granted at an earlier start for a read since removed: the grant goes with it.
                        step = "taking back read access of context '" + context.name() + "' to context '"
                                + owner.name() + "', which it no longer declares in reads";
                        roles.revokeRead(reader, owner.role(), schema, shared);
                    } else {
                        step = "taking back the access to context '" + owner.name() + "' of role " + reader
                                + ", which belongs to no context any more";
                        roles.revokeAll(reader, owner.role(), schema, shared);
                    }
                }
            }
            if (postgres && plan.contexts().stream().anyMatch(c -> c.role() != null
                    && c.placement().strategy() == IsolationStrategy.SHARED)) {
                for (String grantee : roles.granteesOf(sharedSchema)) {
                    if (marked.contains(grantee) && !current.contains(grantee)) {
                        step = "taking back schema " + sharedSchema + " from role " + grantee
                                + ", which belongs to no context any more";
                        roles.revokeAll(grantee, null, sharedSchema, true);
                    }
                }
            }
            for (ContextPlan reader : plan.contexts()) {
                if (reader.role() == null) {
                    continue;
                }
                step = "reading what context '" + reader.name() + "' was granted on other contexts' data";
                for (Roles.Grant grant : roles.grantsHeldBy(reader.role())) {
                    boolean ownPlace = !grant.inSharedSchema() && grant.schema().equals(reader.placement().schema());
                    if (!ownPlace && grant.owner() != null && marked.contains(grant.owner())
                            && !current.contains(grant.owner())) {
                        // The data of a context removed from the model: its role keeps it, nobody else.
                        step = "taking back access of context '" + reader.name() + "' to the data of role "
                                + grant.owner() + ", whose context is gone";
                        if (postgres) {
                            roles.revokeRead(reader.role(), grant.owner(), grant.schema(), grant.inSharedSchema());
                        } else {
                            roles.revokeAll(reader.role(), grant.owner(), grant.schema(), false);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new ContextDbConfigurationException(null, "context-db.roles.enabled",
                    "context-db.roles.enabled=true: setting up roles failed while " + step + ": " + e.getMessage(),
                    FIX, e);
        }
    }
}
