package dev.contextdb.boot;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextEvents;
import dev.contextdb.MigrationResult;
import dev.contextdb.Placement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The startup report, in INFO blocks: where each context lives, its pool, its migrations, its
 * reads (when the contexts are built); which listener of which context receives which event (when
 * the events start delivering, once every listener is registered).
 */
final class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private StartupReport() {
    }

    static void log(ContextDb contextDb) {
        if (log.isInfoEnabled()) {
            log.info(render(contextDb));
        }
    }

    static String render(ContextDb contextDb) {
        StringBuilder report = new StringBuilder("context-db: ").append(contextDb.placements().size())
                .append(contextDb.placements().size() == 1 ? " bounded context" : " bounded contexts");
        for (Placement placement : contextDb.placements()) {
            MigrationResult migration = contextDb.migrations().get(placement.context());
            report.append(System.lineSeparator()).append("  ").append(placement.context()).append(": ")
                    .append(placement.strategy())
                    .append(", ").append(placement.vendor().displayName()).append(' ').append(placement.url())
                    .append(placement.username().isEmpty() ? "" : " as " + placement.username())
                    .append(", schema ").append(placement.schema() == null ? "(default)" : placement.schema())
                    .append(", pool ").append(placement.pool()).append(" (max ").append(placement.maximumPoolSize())
                    .append(')')
                    .append(", migrations ").append(migration == null ? "off"
                            : migration.applied() + " applied, version " + (migration.version() == null ? "none"
                                    : migration.version()))
                    .append(", reads ").append(placement.reads().isEmpty() ? "nothing" : placement.reads());
        }
        return report.toString();
    }

    static void logEvents(ContextDb contextDb, ContextEvents events) {
        if (log.isInfoEnabled()) {
            log.info(renderEvents(contextDb, events.listeners()));
        }
    }

    /**
     * @param listeners {@link ContextEvents#listeners()}: {@code "<listener id> <- <event type>"} by context
     * @return one line per listener, by context in reads order, then by listener id
     */
    static String renderEvents(ContextDb contextDb, Map<String, String> listeners) {
        if (listeners.isEmpty()) {
            return "context-db events: no @ApplicationModuleListener methods, so no event tables and no delivery";
        }
        List<String> order = contextDb.placements().stream().map(Placement::context).toList();
        List<Map.Entry<String, String>> sorted = new ArrayList<>(listeners.entrySet());
        sorted.sort(Comparator.<Map.Entry<String, String>>comparingInt(entry -> order.indexOf(entry.getValue()))
                .thenComparing(Map.Entry::getKey));
        long contexts = sorted.stream().map(Map.Entry::getValue).distinct().count();
        StringBuilder report = new StringBuilder("context-db events: ").append(sorted.size())
                .append(sorted.size() == 1 ? " listener" : " listeners").append(" in ").append(contexts)
                .append(contexts == 1 ? " context" : " contexts");
        for (Map.Entry<String, String> entry : sorted) {
            int arrow = entry.getKey().lastIndexOf(" <- ");
            report.append(System.lineSeparator()).append("  ").append(entry.getValue()).append(": ")
                    .append(entry.getKey(), 0, arrow).append(" receives ").append(entry.getKey().substring(arrow + 4));
        }
        return report.toString();
    }
}
