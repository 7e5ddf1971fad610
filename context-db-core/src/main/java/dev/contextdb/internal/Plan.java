package dev.contextdb.internal;

import dev.contextdb.Placement;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What {@link Planner} decided and {@link Startup} carries out: the contexts in reads order, the
 * pools that serve them, and who sets up roles.
 *
 * @param contexts one plan per context, in reads order
 * @param pools the pools to start, by name
 * @param admin the shared database's user
 */
public record Plan(List<ContextPlan> contexts, Map<String, PoolPlan> pools, Admin admin) {

    /**
     * One context: where it lives and how it gets connections.
     *
     * @param placement where it lives, as reported
     * @param vendor its database's dialect
     * @param poolName the pool that serves it
     * @param access how its connections reach its schema
     * @param role its own database role, or {@code null} without {@code context-db.roles.enabled}
     * @param rolePassword the role's password, or {@code null}
     * @param share how many connections of a pool serving several contexts it may hold, or 0 for all
     */
    record ContextPlan(Placement placement, Vendor vendor, String poolName, SchemaAccess access, String role,
            String rolePassword, int share) {

        String name() {
            return placement.context();
        }

        ContextPlan withShare(int share) {
            return new ContextPlan(placement, vendor, poolName, access, role, rolePassword, share);
        }
    }

    /**
     * A pool to start.
     *
     * @param name its name
     * @param vendor its database's dialect
     * @param url the URL it connects to (with the schema, where the vendor takes it there)
     * @param username its user
     * @param password that user's password
     * @param pinnedSchema the schema every connection is set to, or {@code null}
     * @param hikari its HikariCP settings
     * @param baseUrl the URL without a schema
     */
    record PoolPlan(String name, Vendor vendor, String url, String username, String password, String pinnedSchema,
            Properties hikari, String baseUrl) {

        int maximumPoolSize() {
            return Integer.parseInt(hikari.getProperty("maximumPoolSize", "10"));
        }
    }

    /**
     * The shared database's user, who creates schemas and roles.
     *
     * @param url the shared database
     * @param username the user
     * @param password its password
     * @param vendor the shared database's dialect
     */
    record Admin(String url, String username, String password, Vendor vendor) {
    }

    ContextPlan context(String name) {
        return contexts.stream().filter(context -> context.name().equals(name)).findFirst().orElseThrow();
    }

    PoolPlan poolOf(ContextPlan context) {
        return pools.get(context.poolName());
    }
}
