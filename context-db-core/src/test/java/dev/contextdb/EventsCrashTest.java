package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.fixtures.load.Effects;
import dev.contextdb.fixtures.load.LoadApplication;
import dev.contextdb.test.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Crash and restart: a child JVM publishes events on PostgreSQL while its listener is slow, and is
 * killed ({@code kill -9}, {@link Process#destroyForcibly()}) once every event is committed and
 * some are delivered. A fresh instance on the same schemas then delivers the rest: every committed
 * event's effect is applied exactly once (effect rows and inbox rows = events), including those
 * the child had applied, or was applying, when it died.
 */
class EventsCrashTest {

    static final ContextModel MODEL = ContextModel.scan("dev.contextdb.fixtures.load");
    static final int EVENTS = 200;
    /** Each delivery in the child holds its transaction open this long: the kill finds some mid-way. */
    static final Duration SLOW_LISTENER = Duration.ofMillis(250);
    /** The child's leases: after the kill, the claims it held expire this soon. */
    static final Duration CHILD_LEASE = Duration.ofSeconds(2);

    @Test
    void eventsCommittedBeforeAKillAreAppliedOnceAfterTheRestart() throws Exception {
        try (TestDatabase postgres = TestDatabase.postgres()) {
            Map<String, String> schemas = new LinkedHashMap<>();
            for (String context : LoadApplication.CONTEXTS) {
                String schema = TestDatabase.uniqueName(context);
                postgres.dropSchemaLater(schema);
                schemas.put(context, schema);
            }
            String outbox = schemas.get("north") + ".cdb_outbox";
            String delivery = schemas.get("north") + ".cdb_delivery";
            String effect = schemas.get("east") + ".effect";
            String inbox = schemas.get("east") + ".cdb_inbox";

            Path log = Files.createTempFile("context-db-crash-child", ".log");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), Child.class.getName(),
                    postgres.url(), postgres.username(), postgres.password(), String.valueOf(EVENTS)));
            command.addAll(schemas.values());
            Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int appliedBeforeKill;
            try {
                await(child, log, () -> tableExists(postgres, schemas.get("north"), "cdb_outbox")
                        && count(postgres, outbox) == EVENTS && count(postgres, delivery + " where status = 'DONE'") > 0);
                // The premise: the kill comes while deliveries are still to be made.
                assertThat(count(postgres, delivery + " where status = 'DONE'")).isLessThan(EVENTS);
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child died").isTrue();
            }
            appliedBeforeKill = count(postgres, effect);
            assertThat(appliedBeforeKill).isLessThan(EVENTS);
            // The child died holding claims: the restart must wait for their leases to expire.
            assertThat(count(postgres, delivery + " where status = 'PENDING' and lease_owner is not null")).isPositive();

            ContextDb db = builder(postgres, schemas, 6).build();
            try (LoadApplication app = LoadApplication.start(db, Effects.Hook.NONE, events -> events
                    .pollInterval(Duration.ofMillis(100)).backoff(Duration.ofMillis(20), 2, Duration.ofMillis(200)))) {
                await(null, log, () -> app.events().count("north", "DONE") == EVENTS);

                assertThat(count(postgres, effect)).isEqualTo(EVENTS);
                assertThat(count(postgres, "(select distinct event_id from " + effect + ") applied")).isEqualTo(EVENTS);
                assertThat(count(postgres, inbox + " where listener_id = 'east.effects'")).isEqualTo(EVENTS);
                assertThat(app.events().count("north", "DEAD")).isZero();
                // The restarted instance called the listener only for what the child had not committed.
                int calls = app.effects("east").attempts.values().stream().mapToInt(AtomicInteger::get).sum();
                assertThat(calls).isEqualTo(EVENTS - appliedBeforeKill);
                System.out.println("Killed with " + appliedBeforeKill + " of " + EVENTS + " effects applied; the restart"
                        + " applied the other " + calls + ", each once");
            }
        }
    }

    /** The four load contexts in their own schemas, with pools of {@code poolSize} each. */
    static ContextDb.Builder builder(TestDatabase postgres, Map<String, String> schemas, int poolSize) {
        ContextDb.Builder builder = ContextDb.builder(MODEL).strategy(IsolationStrategy.SCHEMA)
                .datasource(postgres.url(), postgres.username(), postgres.password())
                .pool("maximumPoolSize", String.valueOf(poolSize)).pool("minimumIdle", "1");
        schemas.forEach((context, schema) -> builder.context(context, settings -> settings.schema(schema)));
        return builder;
    }

    private static boolean tableExists(TestDatabase postgres, String schema, String table) {
        return postgres.tablesIn(schema).contains(table);
    }

    private static int count(TestDatabase postgres, String from) {
        return Integer.parseInt(postgres.queryStrings("select count(*) from " + from).get(0));
    }

    /** Polls until the condition holds; fails with the child's output after a deadline or if the child died. */
    private static void await(Process child, Path log, BooleanSupplier condition) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (child != null && !child.isAlive()) {
                throw new AssertionError("The child exited with " + child.exitValue() + ":\n" + read(log));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Condition not met within 60 s; the child's output:\n" + read(log));
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /**
     * The child JVM: north publishes the events in transactions of ten while east's listener is
     * slow; then it waits to be killed.
     */
    static final class Child {

        public static void main(String[] args) throws InterruptedException {
            String url = args[0];
            String username = args[1];
            String password = args[2];
            int events = Integer.parseInt(args[3]);
            Map<String, String> schemas = new LinkedHashMap<>();
            for (int i = 0; i < LoadApplication.CONTEXTS.size(); i++) {
                schemas.put(LoadApplication.CONTEXTS.get(i), args[4 + i]);
            }
            ContextDb.Builder builder = ContextDb.builder(MODEL).strategy(IsolationStrategy.SCHEMA)
                    .datasource(url, username, password).pool("maximumPoolSize", "6").pool("minimumIdle", "1");
            schemas.forEach((context, schema) -> builder.context(context, settings -> settings.schema(schema)));
            LoadApplication app = LoadApplication.start(builder.build(),
                    (id, attempt) -> LockSupport.parkNanos(SLOW_LISTENER.toNanos()),
                    settings -> settings.lease(CHILD_LEASE).threads(4));
            for (int id = 0; id < events; id += 10) {
                app.emitter("north").emit(id, Math.min(id + 10, events));
            }
            System.out.println("committed " + events + " events; waiting to be killed");
            new CountDownLatch(1).await();
        }
    }
}
