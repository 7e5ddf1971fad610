package dev.contextdb.internal;

import dev.contextdb.ContextDbConfigurationException;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.Placement;
import dev.contextdb.internal.Plan.ContextPlan;
import dev.contextdb.internal.Plan.PoolPlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the schemas the plan places contexts in, where they are missing, before the pools start:
 * a pool pinned to a schema cannot start before the schema exists (MariaDB, H2). {@code SCHEMA}:
 * the shared database's user makes it; {@code DATABASE}: the context's own user. With roles,
 * {@link RoleSetup} has made it already, as the administrator.
 *
 * <p>One connection per server and user rather than one per context, each under the
 * {@link SetupLock} while it works, so that instances starting at once take turns rather than
 * race to create the same schema. A connection's lock goes before the next connection's is taken:
 * two connections of this process to one server would otherwise wait for each other.
 */
final class SchemaSetup {

    private static final Logger log = LoggerFactory.getLogger(SchemaSetup.class);

    private SchemaSetup() {
    }

    static void apply(Plan plan, Drivers drivers) {
        Map<List<String>, List<ContextPlan>> byConnection = new LinkedHashMap<>();
        for (ContextPlan context : plan.contexts()) {
            if (context.access().schema() == null || context.role() != null) {
                continue;
            }
            PoolPlan pool = plan.poolOf(context);
            boolean shared = context.placement().strategy() == IsolationStrategy.SCHEMA;
            String user = shared ? plan.admin().username() : pool.username();
            String secret = shared ? plan.admin().password() : pool.password();
            byConnection.computeIfAbsent(Arrays.asList(pool.baseUrl(), user, secret), key -> new ArrayList<>())
                    .add(context);
        }
        byConnection.forEach((key, contexts) -> create(drivers, key.get(0), key.get(1), key.get(2), contexts));
    }

    private static void create(Drivers drivers, String url, String user, String secret, List<ContextPlan> contexts) {
        ContextPlan context = contexts.get(0);
        try (Connection connection = drivers.connect(url, user, secret);
                SetupLock lock = SetupLock.acquire(context.vendor(), connection)) {
            for (ContextPlan each : contexts) {
                context = each;
                if (context.vendor().createIfMissing(connection, context.access().schema())) {
                    log.info("context-db created schema {} for context {}", context.access().schema(),
                            context.name());
                }
            }
        } catch (SQLException e) {
            Placement placement = context.placement();
            throw new ContextDbConfigurationException(context.name(), "context-db.contexts." + context.name()
                    + ".schema", "Context '" + context.name() + "': could not create or find schema '"
                    + placement.schema() + "' on " + placement.url() + ": " + e.getMessage(),
                    "check that the database is reachable and that " + (user == null
                            ? "the user" : "user '" + user + "'")
                            + " may create schemas, or create the schema beforehand.", e);
        }
    }
}
