package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase;
import dev.contextdb.test.TestDatabase.Kind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A rolling deploy or {@code replicas: 4}: four instances of one application, with the same
 * model and configuration, start at the same moment against one server. Each attempt uses fresh
 * schemas, databases and roles, so each attempt races to create them. Every instance must start,
 * and every context's migration must be applied exactly once among them.
 */
class ReplicasStartTogetherTest {

    private static final int REPLICAS = 4;
    private static final int ATTEMPTS = 3;

    /**
     * Two contexts and a read, so that grants race too. Each reads level costs the instances that
     * lose the race for Flyway's PostgreSQL lock a second (Flyway polls it once a second).
     */
    private static final ContextModel SHOP = ContextModel.of(
            ContextDefinition.of("catalog", "x.catalog"),
            ContextDefinition.of("orders", "x.orders", "catalog"));
    /** Under DATABASE a read cannot work (a startup error of its own). */
    private static final ContextModel APART = ContextModel.of(
            ContextDefinition.of("catalog", "x.catalog"),
            ContextDefinition.of("orders", "x.orders"));

    static Stream<Arguments> combinations() {
        return Stream.of(
                Arguments.of(Kind.POSTGRESQL, IsolationStrategy.SCHEMA, false),
                Arguments.of(Kind.POSTGRESQL, IsolationStrategy.SCHEMA, true),
                Arguments.of(Kind.POSTGRESQL, IsolationStrategy.SHARED, false),
                Arguments.of(Kind.POSTGRESQL, IsolationStrategy.SHARED, true),
                Arguments.of(Kind.POSTGRESQL, IsolationStrategy.DATABASE, false),
                Arguments.of(Kind.MARIADB, IsolationStrategy.SCHEMA, false),
                Arguments.of(Kind.MARIADB, IsolationStrategy.SCHEMA, true),
                Arguments.of(Kind.MARIADB, IsolationStrategy.SHARED, false),
                Arguments.of(Kind.MARIADB, IsolationStrategy.DATABASE, false));
    }

    @ParameterizedTest(name = "{0} {1} roles={2}")
    @MethodSource("combinations")
    void fourInstancesStartingAtOnceAllStartAndMigrateEachContextOnce(Kind kind, IsolationStrategy strategy,
            boolean roles) throws Exception {
        ContextModel model = strategy == IsolationStrategy.DATABASE ? APART : SHOP;
        List<String> failures = new ArrayList<>();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try (Scenario scenario = new Scenario(kind, strategy, Pooling.PER_CONTEXT)) {
                List<ContextDb.Builder> builders = new ArrayList<>();
                List<String> roleNames = new ArrayList<>();
                if (roles) {
                    for (String context : model.names()) {
                        String role = TestDatabase.uniqueName(context);
                        scenario.database().dropRoleLater(role);
                        roleNames.add(role);
                    }
                }
                for (int replica = 0; replica < REPLICAS; replica++) {
                    ContextDb.Builder builder = replica == 0 ? scenario.builder(model) : scenario.restart(model);
                    if (strategy == IsolationStrategy.DATABASE && kind == Kind.POSTGRESQL) {
                        // A schema inside each context's own database, so that its creation races too
                        // (on MariaDB a schema is a database, so there the databases made for the test stay alone).
                        model.names().forEach(context -> builder.context(context, settings -> settings.schema("app")));
                    }
                    if (roles) {
                        for (int i = 0; i < roleNames.size(); i++) {
                            String role = roleNames.get(i);
                            builder.context(model.names().get(i), settings -> settings.datasource(null, role, "pw"));
                        }
                        builder.roles(true);
                    }
                    builders.add(builder);
                }
                List<String> problems = startTogether(builders, scenario);
                if (!problems.isEmpty()) {
                    failures.add("attempt " + attempt + ": " + problems);
                }
            }
        }
        System.out.printf("%s %s roles=%s: %d of %d attempts failed%n", kind, strategy, roles, failures.size(),
                ATTEMPTS);
        assertThat(failures).as("attempts where not every instance started").isEmpty();
    }

    /** Builds every builder at once, released by one latch; returns what went wrong, if anything. */
    private static List<String> startTogether(List<ContextDb.Builder> builders, Scenario scenario) throws Exception {
        CountDownLatch ready = new CountDownLatch(builders.size());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(builders.size());
        List<Future<ContextDb>> started = new ArrayList<>();
        try {
            for (ContextDb.Builder builder : builders) {
                started.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return builder.build();
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).as("every replica ready").isTrue();
            go.countDown();
            List<String> problems = new ArrayList<>();
            List<ContextDb> dbs = new ArrayList<>();
            for (Future<ContextDb> future : started) {
                try {
                    dbs.add(future.get(120, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    problems.add(rootMessage(e.getCause()));
                }
            }
            try {
                if (problems.isEmpty()) {
                    for (String context : SHOP.names()) {
                        int applied = dbs.stream().mapToInt(db -> db.migrations().get(context).applied()).sum();
                        if (applied != 1) {
                            problems.add(context + " migrated " + applied + " times");
                        }
                        for (ContextDb db : dbs) {
                            if (!"1".equals(db.migrations().get(context).version())) {
                                problems.add(context + " at version " + db.migrations().get(context).version());
                            }
                        }
                    }
                    if (scenario.strategy() != IsolationStrategy.DATABASE) {
                        assertThat(scenario.tablesOf("catalog")).contains("product");
                        assertThat(scenario.tablesOf("orders")).contains("purchase_order");
                    }
                }
            } finally {
                dbs.forEach(ContextDb::close);
            }
            return problems;
        } finally {
            threads.shutdownNow();
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause.getMessage() == null) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            return trace.toString();
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage().lines().findFirst().orElse("")
                + (cause == failure ? "" : " <- " + cause.getMessage().lines().findFirst().orElse(""));
    }
}
