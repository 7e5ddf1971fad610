package dev.contextdb;

import dev.contextdb.PlacementResolver.Admin;
import dev.contextdb.PlacementResolver.ContextPlan;
import dev.contextdb.PlacementResolver.Plan;
import dev.contextdb.internal.Drivers;
import dev.contextdb.internal.Roles;
import dev.contextdb.internal.SetupLock;
import java.sql.Connection;
import java.sql.SQLException;
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
            String sharedSchema = roles.currentSchema();
            for (ContextPlan context : plan.contexts()) {
                if (context.role() == null) {
                    continue;
                }
                step = "creating role " + context.role() + " for context '" + context.name() + "'";
                roles.create(context.role(), context.rolePassword());
                if (context.placement().strategy() == IsolationStrategy.SHARED) {
                    step = "letting role " + context.role() + " create tables in schema " + sharedSchema;
                    roles.createIn(context.role(), sharedSchema);
                } else {
                    step = "giving schema " + context.placement().schema() + " to role " + context.role();
                    roles.own(context.role(), context.placement().schema());
                }
            }
            for (ContextPlan owner : plan.contexts()) {
                if (owner.role() == null) {
                    continue;
                }
                boolean shared = owner.placement().strategy() == IsolationStrategy.SHARED;
                String schema = shared ? sharedSchema : owner.placement().schema();
                step = "reading who may read the data of context '" + owner.name() + "'";
                Set<String> readers = roles.readers(owner.role(), schema, shared);
                for (ContextPlan reader : plan.contexts()) {
                    if (reader.role() == null || reader.role().equals(owner.role())) {
                        continue;
                    }
                    if (reader.placement().reads().contains(owner.name())) {
                        step = "granting context '" + reader.name() + "' read access to context '" + owner.name() + "'";
                        roles.grantRead(reader.role(), owner.role(), schema, shared);
                    } else if (readers.contains(reader.role())) {
                        // Granted at an earlier start for a read since removed: the grant goes with it.
                        step = "taking back read access of context '" + reader.name() + "' to context '"
                                + owner.name() + "', which it no longer declares in reads";
                        roles.revokeRead(reader.role(), owner.role(), schema, shared);
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
