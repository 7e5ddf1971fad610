package dev.contextdb.boot;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.contextdb.ContextDb;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.MigrationResult;
import dev.contextdb.Placement;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code contextdb} actuator endpoint: the facts of the startup report as JSON, one entry per
 * context, plus each pool's current connections.
 *
 * <pre>
 * management.endpoints.web.exposure.include=health,contextdb
 * GET /actuator/contextdb         →  {"contexts":[{"context":"orders","strategy":"SCHEMA","schema":"orders",...}]}
 * GET /actuator/contextdb/orders  →  {"context":"orders",...}
 * </pre>
 */
@Endpoint(id = "contextdb")
public class ContextDbEndpoint {

    private final ContextDb contextDb;

    /** @param contextDb the running contexts */
    public ContextDbEndpoint(ContextDb contextDb) {
        this.contextDb = contextDb;
    }

    /** @return every context, in reads order */
    @ReadOperation
    public ContextsDescriptor contexts() {
        return new ContextsDescriptor(contextDb.placements().stream().map(this::describe).toList());
    }

    /**
     * @param context a context name
     * @return the context, or {@code null} (404) when there is none of that name
     */
    @ReadOperation
    public @Nullable ContextDescriptor context(@Selector String context) {
        return contextDb.model().context(context).map(definition -> describe(contextDb.placement(context))).orElse(null);
    }

    private ContextDescriptor describe(Placement placement) {
        MigrationResult migration = contextDb.migrations().get(placement.context());
        HikariDataSource pool = contextDb.pools().get(placement.pool());
        HikariPoolMXBean connections = pool == null ? null : pool.getHikariPoolMXBean();
        return new ContextDescriptor(placement.context(), placement.strategy(), placement.vendor().displayName(),
                placement.url(),
                placement.username(), placement.schema(), placement.reads(),
                new PoolDescriptor(placement.pool(), placement.maximumPoolSize(),
                        connections == null ? null : connections.getActiveConnections(),
                        connections == null ? null : connections.getIdleConnections()),
                new MigrationDescriptor(migration != null, placement.migrationLocations(), placement.historyTable(),
                        migration == null ? null : migration.applied(), migration == null ? null : migration.version()));
    }

    /**
     * All contexts.
     * @param contexts each context, in reads order
     */
    public record ContextsDescriptor(List<ContextDescriptor> contexts) implements OperationResponseBody {
    }

    /**
     * One context.
     * @param context its name
     * @param strategy its isolation strategy
     * @param vendor its database product
     * @param url its database, with any password masked
     * @param username the user it connects as
     * @param schema its schema, or {@code null} for the database's default schema
     * @param reads the contexts it may read
     * @param pool its connection pool
     * @param migrations its migrations
     */
    public record ContextDescriptor(String context, IsolationStrategy strategy, String vendor, String url,
            String username, @Nullable String schema, List<String> reads, PoolDescriptor pool,
            MigrationDescriptor migrations) implements OperationResponseBody {
    }

    /**
     * A pool, shared by contexts under {@code pooling=single-pool} and {@code SHARED}.
     * @param name the HikariCP pool name, which tags Boot's pool metrics
     * @param maximumSize its maximum size
     * @param active connections in use now, if the pool is running
     * @param idle idle connections now, if the pool is running
     */
    public record PoolDescriptor(String name, int maximumSize, @Nullable Integer active, @Nullable Integer idle) {
    }

    /**
     * A context's migrations.
     * @param ranAtStartup whether they ran at startup
     * @param locations where the scripts are
     * @param historyTable where the history is kept
     * @param applied how many were applied at startup, when they ran
     * @param version the schema version after startup, when they ran
     */
    public record MigrationDescriptor(boolean ranAtStartup, List<String> locations, String historyTable,
            @Nullable Integer applied, @Nullable String version) {
    }
}
