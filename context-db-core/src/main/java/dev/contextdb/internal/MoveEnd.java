package dev.contextdb.internal;

import dev.contextdb.ContextModel;
import dev.contextdb.Placement;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One end of a context's move: where the context lives under one configuration, and the
 * connection the move uses there. Under {@code SCHEMA}/{@code SHARED} that is the shared
 * database's user (who creates schemas and roles); under {@code DATABASE} the context's own.
 *
 * @param placement where the context lives
 * @param vendor its database's dialect
 * @param url the JDBC URL the move connects to (no schema pinned)
 * @param username that connection's user
 * @param password that user's password
 * @param role the context's own role under {@code context-db.roles.enabled}, or {@code null}
 * @param settings the whole configuration, to start the context there once it has moved
 * @param model the application's contexts, to start them from {@code settings} as the application would
 */
public record MoveEnd(Placement placement, Vendor vendor, String url, String username, String password, String role,
        Settings settings, ContextModel model) {

    /**
     * @param model the application's contexts
     * @param settings a configuration
     * @param context the context that moves
     * @return where the context lives under that configuration; nothing is connected
     */
    public static MoveEnd of(ContextModel model, Settings settings, String context) {
        Plan plan = Planner.plan(model, settings);
        Plan.ContextPlan contextPlan = plan.context(context);
        Plan.PoolPlan pool = plan.poolOf(contextPlan);
        boolean own = contextPlan.placement().strategy() == dev.contextdb.IsolationStrategy.DATABASE;
        String url = own ? pool.baseUrl() : plan.admin().url();
        String username = own ? pool.username() : plan.admin().username();
        String password = own ? pool.password() : plan.admin().password();
        return new MoveEnd(contextPlan.placement(), contextPlan.vendor(), url, username, password, contextPlan.role(),
                settings, model);
    }

    /**
     * @return a new connection as this end's move user, through the driver of the application's
     *     class loader; the caller closes it
     */
    public Connection connect() throws SQLException {
        return new Drivers(settings.classLoader()).connect(url, username, password);
    }

    /** @return where this end's configuration places every context of the application */
    public java.util.List<Placement> placements() {
        return Planner.plan(model, settings).contexts().stream().map(Plan.ContextPlan::placement).toList();
    }

    /**
     * Starts every context from this end's configuration, exactly as the application does at its
     * start: roles and grants, schemas, pools, migrations. The caller closes what it returns.
     * @return what was started
     */
    public Started start() {
        return Startup.start(model, Planner.plan(model, settings), settings);
    }

    /**
     * The context's Flyway from this end's configuration, configured as the application's start
     * configures it to migrate: the context's locations, schema and history table, on connections
     * made with its pool's URL and credentials. Nothing is started.
     * @return the Flyway ({@code Object}, so that this class loads without Flyway), or {@code null}
     *     when Flyway is not on the class path
     */
    public Object flyway() {
        return new MigrationRun(model, Planner.plan(model, settings), new Drivers(settings.classLoader()),
                settings.classLoader()).asMigrated(context());
    }

    /**
     * @param otherUrl another database of this end's server, for example PostgreSQL's maintenance database
     * @return a new connection to it, as {@link #username()}
     */
    public Connection connect(String otherUrl) throws SQLException {
        return new Drivers(settings.classLoader()).connect(otherUrl, username, password);
    }

    /** @return the context's name */
    public String context() {
        return placement.context();
    }
}
