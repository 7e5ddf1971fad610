package dev.contextdb.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.contextdb.MigrationResult;
import dev.contextdb.Placement;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * What {@link Startup} started, for the {@code ContextDb} facade to hand out and close.
 *
 * @param placements every context's placement, in reads order
 * @param dataSources every context's own DataSource
 * @param transactionManagers every context's transaction manager
 * @param pools the pools, by name
 * @param migrations what each context's migration did
 * @param flyways a context's Flyway instance by context name, or {@code null} ({@code Object}, so
 *     that the facade loads without Flyway)
 * @param routing the DataSource of whichever context is current
 * @param routingTransactionManager the transaction manager of whichever context is current
 * @param dropEmbedded drops the embedded database a data layer built without a URL made for itself
 */
public record Started(Map<String, Placement> placements, Map<String, DataSource> dataSources,
        Map<String, PlatformTransactionManager> transactionManagers, Map<String, HikariDataSource> pools,
        Map<String, MigrationResult> migrations, Function<String, Object> flyways, DataSource routing,
        PlatformTransactionManager routingTransactionManager, Runnable dropEmbedded) {

    /**
     * @param router what routes, named in the error
     * @return the context the routing DataSource serves on the calling thread now
     */
    public String routedContext(String router) {
        return ((ContextRoutingDataSource) routing).context(router);
    }

    /** Closes every pool, then drops the embedded database if there is one. */
    public void close() {
        Startup.closeAll(pools.values());
        dropEmbedded.run();
    }
}
