package dev.contextdb.internal;

import dev.contextdb.IsolationStrategy;
import java.util.List;
import java.util.Map;

/**
 * One context's overrides, frozen when the data layer is built: what {@code ContextSettings}
 * collected ({@code context-db.contexts.<name>.*}). {@code null} and empty mean "not set".
 *
 * @param strategy its strategy
 * @param schema its schema
 * @param url its own database
 * @param username its own user (or role)
 * @param password that user's password
 * @param pool its HikariCP settings
 * @param migrationLocations where its migrations are
 */
public record ContextOverrides(IsolationStrategy strategy, String schema, String url, String username, String password,
        Map<String, String> pool, List<String> migrationLocations) {

    /** Nothing overridden. */
    static final ContextOverrides NONE = new ContextOverrides(null, null, null, null, null, Map.of(), List.of());

    /** Copies the collections. */
    public ContextOverrides {
        pool = Map.copyOf(pool);
        migrationLocations = List.copyOf(migrationLocations);
    }
}
