package dev.contextdb.boot;

import dev.contextdb.ContextDb;
import dev.contextdb.MigrationResult;
import dev.contextdb.Placement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One INFO block at startup: where each context lives, its pool, its migrations, its reads. */
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
}
