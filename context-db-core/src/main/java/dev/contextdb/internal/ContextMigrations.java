package dev.contextdb.internal;

import dev.contextdb.ContextConventions;
import dev.contextdb.ContextDbMigrationException;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.MigrationResult;
import dev.contextdb.Placement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.spi.SLF4JServiceProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Flyway per context: each context's migrations, history table and schema, migrated in reads
 * order. Loaded only when Flyway is on the class path. Safe for contexts migrating at once, on
 * different schemas; {@code SHARED} contexts must migrate one after the other.
 */
public final class ContextMigrations {

    private static final Set<String> DUPLICATE_TABLE_STATES = Set.of("42P07", "42S01");
    private static final Pattern DUPLICATE_TABLE = Pattern.compile(
            "(?i)(?:relation|table)\\s+[\"'`]?(?:[\\w]+\\.)?([\\w]+)[\"'`]?\\s+already exists");

    private final ClassLoader classLoader;
    private final Map<String, String> sharedTableOwners = new ConcurrentHashMap<>();
    private final MigrationScripts scripts;
    private final boolean slf4j;

    /** @param classLoader where migrations are found */
    public ContextMigrations(ClassLoader classLoader) {
        this.classLoader = classLoader;
        this.scripts = new MigrationScripts(classLoader);
        this.slf4j = slf4jProvided(classLoader);
    }

    /**
     * A context's Flyway, configured for its placement: locations, schema, history table.
     * @param placement where the context lives
     * @param dataSource its own DataSource
     * @param classLoader where migrations are found
     * @return the configuration, to customise or load
     */
    public static FluentConfiguration configure(Placement placement, DataSource dataSource, ClassLoader classLoader) {
        FluentConfiguration configuration = Flyway.configure(classLoader)
                .dataSource(dataSource)
                .locations(placement.migrationLocations().toArray(String[]::new))
                .failOnMissingLocations(false)
                .table(ContextConventions.historyTable(placement.context(), placement.strategy()));
        if (placement.strategy() == IsolationStrategy.SHARED) {
            // The shared schema holds the other contexts' tables: for this context's own history it
            // is not "non-empty", so its history starts at a baseline below its first migration.
            configuration.baselineOnMigrate(true).baselineVersion("0");
        } else if (placement.schema() != null) {
            configuration.schemas(placement.schema()).defaultSchema(placement.schema()).createSchemas(true);
        }
        return configuration;
    }

    /**
     * Migrates one context. Contexts are migrated by the caller in reads order.
     * @param placement where the context lives
     * @param dataSource its own DataSource
     * @param sharedPeers the other contexts in the shared schema, to name the owner of a clashing table
     * @param migrated given the Flyway instance once it has migrated, to keep for inspection
     * @return what the run did
     */
    public MigrationResult migrate(Placement placement, DataSource dataSource, List<Placement> sharedPeers,
            Consumer<Flyway> migrated) {
        MigrationFailure failure = new MigrationFailure(placement);
        Flyway flyway = load(prepared(placement, dataSource).callbacks(failure));
        boolean shared = placement.strategy() == IsolationStrategy.SHARED;
        Set<String> before = shared ? tables(dataSource) : Set.of();
        try {
            MigrateResult result = shared ? migrateConverging(flyway) : flyway.migrate();
            if (shared) {
                for (String table : tables(dataSource)) {
                    if (!before.contains(table)) {
                        sharedTableOwners.putIfAbsent(table, placement.context());
                    }
                }
            }
            migrated.accept(flyway);
            // The result names the version reached; asking flyway.info() instead would repeat the
            // scan of the locations and the reading of the history (15% of a start-up, profiled).
            return new MigrationResult(placement.context(), result.migrationsExecuted, versionAfter(result),
                    placement.historyTable());
        } catch (FlywayException e) {
            String script = failure.script();
            if (shared) {
                String table = duplicateTable(e);
                if (table != null) {
                    String owner = ownerOf(table, placement.context(), sharedPeers);
                    throw new ContextDbMigrationException(placement.context(), script,
                            "Context '" + placement.context() + "' cannot create table '" + table + "'"
                                    + (script == null ? "" : " (script " + script + ")")
                                    + " under strategy SHARED: " + (owner == null ? "a table of that name already exists"
                                            : "context '" + owner + "' already owns a table of that name")
                                    + " in the shared schema.",
                            "rename one of the tables, or give one context its own schema (context-db.contexts."
                                    + placement.context() + ".strategy=SCHEMA).",
                            e);
                }
            }
            throw failure.explain(e, flyway);
        }
    }

    /**
     * The Flyway a start migrates a context with, less the callback that explains a failed
     * migration: to inspect or validate the context's history as a start would see it.
     * @param placement where the context lives
     * @param dataSource its own DataSource
     * @return the context's Flyway
     */
    public Flyway flyway(Placement placement, DataSource dataSource) {
        return load(prepared(placement, dataSource));
    }

    private FluentConfiguration prepared(Placement placement, DataSource dataSource) {
        FluentConfiguration configuration = configure(placement, dataSource, classLoader);
        if (slf4j) {
            // What Flyway's "auto" chooses here, decided once: Flyway decides it again for every
            // instance, each time looking through every jar for an SLF4J provider.
            configuration.loggers("slf4j");
        }
        scripts.provide(configuration, placement.migrationLocations());
        return configuration;
    }

    /**
     * Flyway decides whether to baseline before it takes its lock: an instance starting at the same
     * time as another finds no history table, then a schema made non-empty by the other's new
     * (still empty) history table, and refuses to baseline it. Under {@code SHARED} that is every
     * first start of replicas. Run again, Flyway finds the history table, waits on its lock and
     * migrates what the other has not. The same race has a second form: the instance decided to
     * baseline while the history table was missing, and by the time it baselines the other has
     * created the table and migrated into it ("already contains migrations"; seen on MariaDB with
     * four instances). A history table left empty by something else fails again, with Flyway's
     * message.
     */
    private static MigrateResult migrateConverging(Flyway flyway) {
        try {
            return flyway.migrate();
        } catch (FlywayException e) {
            String message = e.getMessage();
            if (message == null || !(message.contains("as it already exists, and is empty")
                    || message.contains("as it already contains migrations"))) {
                throw e;
            }
            return flyway.migrate();
        }
    }

    /**
     * {@code configuration.load()}, with Flyway's environment (schemas, connection settings)
     * resolved on the configuration first. The new Flyway copies a resolved environment; without
     * one it resolves it on its copy, whose plugins by then include every configuration
     * extension, each copied through a new Jackson {@code ObjectMapper}: 0.73 ms a Flyway instead
     * of 0.28 (profiled: the largest single cost of a context's start-up). The result is the same
     * Flyway; a setter called later would invalidate the resolution, as it always does.
     * @param configuration a context's configuration, complete
     * @return its Flyway
     */
    public static Flyway load(FluentConfiguration configuration) {
        configuration.getSchemas();
        return configuration.load();
    }

    /** Whether SLF4J has a provider, the condition on which Flyway's "auto" logging picks SLF4J. */
    private static boolean slf4jProvided(ClassLoader classLoader) {
        try {
            return ServiceLoader.load(SLF4JServiceProvider.class, classLoader).iterator().hasNext();
        } catch (ServiceConfigurationError | LinkageError e) {
            return false;
        }
    }

    /** The version the schema is at after the run: the last one applied, or the one it was already at. */
    private static String versionAfter(MigrateResult result) {
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        return version == null || version.isEmpty() ? null : version;
    }

    private String ownerOf(String table, String context, List<Placement> peers) {
        String key = table.toLowerCase(Locale.ROOT);
        String owner = sharedTableOwners.get(key);
        if (owner != null && !owner.equals(context)) {
            return owner;
        }
        Pattern creates = Pattern.compile("(?is)create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?[\"'`]?"
                + Pattern.quote(table) + "[\"'`]?[\\s(]");
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(classLoader);
        for (Placement peer : peers) {
            if (peer.context().equals(context)) {
                continue;
            }
            for (String location : peer.migrationLocations()) {
                String pattern = location.startsWith("filesystem:") ? "file:" + location.substring(11)
                        : "classpath*:" + location.replaceFirst("^classpath:", "");
                try {
                    for (Resource script : resolver.getResources(pattern + "/**/*.sql")) {
                        if (creates.matcher(script.getContentAsString(StandardCharsets.UTF_8)).find()) {
                            return peer.context();
                        }
                    }
                } catch (IOException e) {
                    // An unreadable location only costs the name of the owner in the message.
                }
            }
        }
        return null;
    }

    private static String duplicateTable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && DUPLICATE_TABLE_STATES.contains(sql.getSQLState())) {
                Matcher matcher = DUPLICATE_TABLE.matcher(String.valueOf(sql.getMessage()));
                return matcher.find() ? matcher.group(1).toLowerCase(Locale.ROOT) : "?";
            }
        }
        return null;
    }

    private static Set<String> tables(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            String catalog = connection.getCatalog();
            String schema = connection.getSchema();
            Set<String> tables = new HashSet<>();
            try (ResultSet rows = metaData.getTables(catalog, schema, "%", new String[] {"TABLE", "VIEW"})) {
                while (rows.next()) {
                    tables.add(rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
            return tables;
        } catch (SQLException e) {
            throw new ContextDbMigrationException(null, null, "Could not list the tables of the shared schema: "
                    + e.getMessage(), e);
        }
    }
}
