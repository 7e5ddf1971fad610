package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.fixtures.load.Effects;
import dev.contextdb.fixtures.load.LoadApplication;
import dev.contextdb.test.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Load: events over four contexts on PostgreSQL (a schema each), each context publishing a quarter
 * and listening to another's quarter, while the first attempt of every fifth event fails (20%,
 * decided by the event id). Every effect is applied exactly once: per listener, effect rows,
 * distinct effects and inbox rows all equal its events, no delivery is dead, and exactly the
 * failed fifth took a second attempt.
 *
 * <p>The build (and so CI) runs {@value #DEFAULT_EVENTS} events, some 30 s with the start; the
 * issue's full 10,000 took 80 s on a busy two-core machine, so they run on request (any multiple
 * of 4): {@code ./mvnw -B verify -pl context-db-core -am -Dtest=EventsLoadTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dcontextdb.load.events=10000}. Tagged {@code load}, so
 * that a quick build can leave it out ({@code -DexcludedGroups=load}).
 */
@Tag("load")
class EventsLoadTest {

    static final int DEFAULT_EVENTS = 2_000;
    static final int PER_TRANSACTION = 50;

    @Test
    void eventsOverFourContextsWithFailingFirstAttemptsAreEachAppliedOnce() throws Exception {
        int events = Integer.getInteger("contextdb.load.events", DEFAULT_EVENTS);
        int perContext = events / LoadApplication.CONTEXTS.size();
        try (TestDatabase postgres = TestDatabase.postgres()) {
            Map<String, String> schemas = new LinkedHashMap<>();
            for (String context : LoadApplication.CONTEXTS) {
                String schema = TestDatabase.uniqueName(context);
                postgres.dropSchemaLater(schema);
                schemas.put(context, schema);
            }
            ContextDb db = EventsCrashTest.builder(postgres, schemas, 10).build();
            try (LoadApplication app = LoadApplication.start(db, Effects.Hook.FAIL_EVERY_FIFTH_FIRST_ATTEMPT,
                    settings -> settings.threads(8).backoff(Duration.ofMillis(10), 2, Duration.ofMillis(100))
                            .pollInterval(Duration.ofMillis(500)))) {
                long start = System.nanoTime();
                ExecutorService publishers = Executors.newFixedThreadPool(LoadApplication.CONTEXTS.size());
                try {
                    List<Future<?>> published = new ArrayList<>();
                    for (String context : LoadApplication.CONTEXTS) {
                        published.add(publishers.submit(() -> {
                            for (int id = 0; id < perContext; id += PER_TRANSACTION) {
                                app.emitter(context).emit(id, Math.min(id + PER_TRANSACTION, perContext));
                            }
                        }));
                    }
                    for (Future<?> future : published) {
                        future.get();
                    }
                } finally {
                    publishers.shutdown();
                }
                long publishedAt = System.nanoTime();

                long deadline = publishedAt + Duration.ofSeconds(120).toNanos();
                while (LoadApplication.CONTEXTS.stream().mapToInt(context -> app.events().count(context, "DONE")).sum()
                        < events) {
                    assertThat(System.nanoTime()).as("all %d events delivered within 120 s", events).isLessThan(deadline);
                    LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
                }
                long doneAt = System.nanoTime();
                System.out.printf("%d events over 4 contexts: published in %d ms, all delivered %d ms later%n", events,
                        Duration.ofNanos(publishedAt - start).toMillis(), Duration.ofNanos(doneAt - publishedAt).toMillis());

                for (int i = 0; i < LoadApplication.CONTEXTS.size(); i++) {
                    String publisher = LoadApplication.CONTEXTS.get(i);
                    String listener = LoadApplication.CONTEXTS.get((i + 1) % LoadApplication.CONTEXTS.size());
                    String schema = schemas.get(listener);
                    assertThat(count(postgres, schemas.get(publisher) + ".emitted")).isEqualTo(perContext);
                    assertThat(count(postgres, schema + ".effect")).as("%s's effects", listener).isEqualTo(perContext);
                    assertThat(count(postgres, "(select distinct event_id from " + schema + ".effect) applied"))
                            .as("%s's distinct effects", listener).isEqualTo(perContext);
                    assertThat(count(postgres, schema + ".cdb_inbox where listener_id = '" + listener + ".effects'"))
                            .as("%s's inbox", listener).isEqualTo(perContext);
                    assertThat(app.events().count(publisher, "DEAD")).isZero();
                    assertThat(count(postgres, schemas.get(publisher) + ".cdb_delivery where attempts = 2"))
                            .as("%s's deliveries that took a second attempt", publisher).isEqualTo(perContext / 5);
                    Map<Long, AtomicInteger> attempts = app.effects(listener).attempts;
                    assertThat(attempts).hasSize(perContext);
                    attempts.forEach((id, calls) -> assertThat(calls.get()).as("%s's calls for event %d", listener, id)
                            .isEqualTo(id % 5 == 0 ? 2 : 1));
                }
            }
        }
    }

    private static int count(TestDatabase postgres, String from) {
        return Integer.parseInt(postgres.queryStrings("select count(*) from " + from).get(0));
    }
}
