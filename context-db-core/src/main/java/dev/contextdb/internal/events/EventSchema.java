package dev.contextdb.internal.events;

import dev.contextdb.ContextDbMigrationException;
import dev.contextdb.Placement;
import dev.contextdb.internal.ContextMigrations;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Creates a context's event tables with Flyway, in the context's placement, under a history
 * table of their own: the context's {@code V1__...} scripts and its history are never touched.
 * Loaded only when Flyway is on the class path. Public for the move to another database, which
 * creates a context's event tables at the target the same way before it copies their rows.
 */
public final class EventSchema {

    private EventSchema() {
    }

    /**
     * @param context the context's own Flyway: its placement (schema, history settings) and its
     *     connections, which are outside the context's pool, as Flyway holds one for its lock while
     *     it migrates on another
     */
    public static void migrate(Placement placement, Flyway context, EventTables tables, ClassLoader classLoader) {
        FluentConfiguration configuration = configure(placement, context, tables, classLoader);
        try {
            ContextMigrations.load(configuration).migrate();
        } catch (FlywayException e) {
            throw new ContextDbMigrationException(placement.context(), null,
                    "Context '" + placement.context() + "' could not create its event tables (" + tables.outbox() + ", "
                            + tables.delivery() + ", " + tables.inbox() + ", history " + tables.history() + "): "
                            + e.getMessage(),
                    "let the context's database user create tables in its placement, or switch events off"
                            + " (context-db.events.enabled=false).",
                    e);
        }
    }

    /**
     * The event tables' Flyway as a start configures it, for a moved context's check that its
     * event tables' history validates where they moved to.
     * @param placement where the context lives
     * @param context the context's own Flyway
     * @param tables the names of its event tables there
     * @param classLoader where the events' scripts are found
     * @return the configuration
     */
    public static FluentConfiguration configure(Placement placement, Flyway context, EventTables tables,
            ClassLoader classLoader) {
        String vendor = placement.vendor().name().toLowerCase(Locale.ROOT);
        return Flyway.configure(classLoader)
                .configuration(context.getConfiguration())
                // Not the context's scripts, nor its failure reporting: the events' own.
                .resourceProvider(null)
                .javaMigrationClassProvider(null)
                .callbacks(new Callback[0])
                .locations("classpath:dev/contextdb/internal/events/db/" + vendor)
                .table(tables.history())
                .placeholders(tables.placeholders())
                // The context's schema holds its own tables already: the events' history starts
                // at a baseline below their first script.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .cleanDisabled(true);
    }
}
