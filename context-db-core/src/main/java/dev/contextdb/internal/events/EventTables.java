package dev.contextdb.internal.events;

import dev.contextdb.IsolationStrategy;
import dev.contextdb.Placement;
import java.util.Map;

/**
 * The names of a context's event tables. In a schema or database of its own a context's tables
 * keep the plain names; under {@code SHARED} every context's tables lie in one schema, so each
 * name carries the context, as its Flyway history table does.
 *
 * @param outbox the events the context published
 * @param delivery one row per event and listener: its state, attempts and lease
 * @param inbox the events the context's listeners applied, by event and listener
 * @param history the Flyway history of these tables, apart from the context's own migrations
 * @param index the prefix of the delivery table's index names
 */
public record EventTables(String outbox, String delivery, String inbox, String history, String index) {

    /**
     * @param placement where a context lives
     * @return the names of its event tables there
     */
    public static EventTables of(Placement placement) {
        if (placement.strategy() == IsolationStrategy.SHARED) {
            String context = placement.context();
            return new EventTables("cdb_outbox_" + context, "cdb_delivery_" + context, "cdb_inbox_" + context,
                    "cdb_events_history_" + context, "cdb_dlv_" + context);
        }
        return new EventTables("cdb_outbox", "cdb_delivery", "cdb_inbox", "cdb_events_history", "cdb_delivery");
    }

    Map<String, String> placeholders() {
        return Map.of("outbox", outbox, "delivery", delivery, "inbox", inbox, "index", index);
    }
}
