package dev.contextdb.internal;

import dev.contextdb.ContextDbConfigurationException;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.MigrationResult;
import dev.contextdb.Placement;
import dev.contextdb.internal.Plan.ContextPlan;
import dev.contextdb.internal.Plan.PoolPlan;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.ClassUtils;

/**
 * Migrates the contexts of a plan with Flyway, when Flyway is on the class path, and keeps each
 * context's Flyway instance for {@code ContextDb#flyway(String)}.
 *
 * <p>The contexts migrate a level of the reads order at a time: a context only after every context
 * it reads. Within a level they migrate at once, each on its own schema or database; {@code SHARED}
 * contexts, which share one schema and whose tables are told apart by comparing it before and
 * after, migrate one after the other as one step. Migrations get connections of their own, outside
 * the context's pool: Flyway holds one for its lock while it migrates on another, which a small
 * pool could not serve, and it sets the schema itself.
 */
final class MigrationRun {

    private static final Logger log = LoggerFactory.getLogger(MigrationRun.class);
    private static final String FLYWAY = "org.flywaydb.core.Flyway";

    private final ContextModel model;
    private final Plan plan;
    private final Drivers drivers;
    private final ClassLoader classLoader;
    /** Each context's Flyway, once made: {@code Object} so that this class loads without Flyway. */
    private final Map<String, Object> migrators = new ConcurrentHashMap<>();

    MigrationRun(ContextModel model, Plan plan, Drivers drivers, ClassLoader classLoader) {
        this.model = model;
        this.plan = plan;
        this.drivers = drivers;
        this.classLoader = classLoader;
    }

    /** @return what each context's migration did, in reads order; empty without Flyway */
    Map<String, MigrationResult> migrate(StartupTasks tasks) {
        if (!ClassUtils.isPresent(FLYWAY, classLoader)) {
            log.debug("Flyway is not on the class path; contexts are not migrated");
            return Map.of();
        }
        ContextMigrations migrations = new ContextMigrations(classLoader);
        List<Placement> shared = plan.contexts().stream().map(ContextPlan::placement)
                .filter(placement -> placement.strategy() == IsolationStrategy.SHARED).toList();
        Map<String, MigrationResult> results = new ConcurrentHashMap<>();
        for (List<ContextPlan> level : readsLevels()) {
            List<Callable<Void>> steps = new ArrayList<>();
            List<ContextPlan> sharedOnes = new ArrayList<>();
            for (ContextPlan context : level) {
                if (context.placement().strategy() == IsolationStrategy.SHARED) {
                    sharedOnes.add(context);
                } else {
                    steps.add(() -> migrate(migrations, context, shared, results));
                }
            }
            if (!sharedOnes.isEmpty()) {
                steps.add(0, () -> {
                    for (ContextPlan context : sharedOnes) {
                        migrate(migrations, context, shared, results);
                    }
                    return null;
                });
            }
            tasks.runAll(steps);
        }
        Map<String, MigrationResult> ordered = new LinkedHashMap<>();
        plan.contexts().forEach(context -> ordered.put(context.name(), results.get(context.name())));
        return ordered;
    }

    /**
     * @param migrated whether {@link #migrate(StartupTasks)} ran
     * @return a context's Flyway: the one that migrated it, or, when the start did not migrate, one
     *     made when first asked for (most applications never ask, and one costs about a
     *     millisecond); {@code null} without Flyway
     */
    Function<String, Object> flyways(boolean migrated) {
        if (!ClassUtils.isPresent(FLYWAY, classLoader)) {
            return context -> null;
        }
        if (migrated) {
            return migrators::get;
        }
        return context -> migrators.computeIfAbsent(context, name -> ContextMigrations.load(
                ContextMigrations.configure(plan.context(name).placement(), dataSource(plan.context(name)),
                        classLoader)));
    }

    /**
     * @param context a context of the plan
     * @return its Flyway configured as {@link #migrate} configures it, its migrations found by the
     *     shared scan ({@code Object}, so that this class loads without Flyway), or {@code null}
     *     without Flyway
     */
    Object asMigrated(String context) {
        if (!ClassUtils.isPresent(FLYWAY, classLoader)) {
            return null;
        }
        return new ContextMigrations(classLoader).flyway(plan.context(context).placement(),
                dataSource(plan.context(context)));
    }

    private Void migrate(ContextMigrations migrations, ContextPlan context, List<Placement> shared,
            Map<String, MigrationResult> results) {
        results.put(context.name(), migrations.migrate(context.placement(), dataSource(context), shared,
                flyway -> migrators.put(context.name(), flyway)));
        return null;
    }

    /** The contexts grouped by depth in the reads graph: first those that read none, and so on. */
    private List<List<ContextPlan>> readsLevels() {
        Map<String, Integer> depth = new LinkedHashMap<>();
        List<List<ContextPlan>> levels = new ArrayList<>();
        for (ContextPlan context : plan.contexts()) { // in reads order: what a context reads comes before it
            int level = 0;
            for (String read : model.context(context.name()).map(ContextDefinition::reads).orElse(List.of())) {
                level = Math.max(level, depth.getOrDefault(read, -1) + 1);
            }
            depth.put(context.name(), level);
            while (levels.size() <= level) {
                levels.add(new ArrayList<>());
            }
            levels.get(level).add(context);
        }
        return levels;
    }

    private DataSource dataSource(ContextPlan context) {
        PoolPlan pool = plan.poolOf(context);
        try {
            return new SimpleDriverDataSource(drivers.forUrl(pool.url()), pool.url(), pool.username(),
                    pool.password());
        } catch (SQLException e) {
            throw new ContextDbConfigurationException(context.name(), "context-db.datasource.url",
                    "Context '" + context.name() + "': no JDBC driver for " + context.placement().url() + ".",
                    "add the database's JDBC driver to the class path.", e);
        }
    }
}
