package dev.contextdb.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.test.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Proves the move benchmark runs, small (one trial of 10,000 rows); the figures come from real
 * runs. Not part of every build: a move with its data-layer start, two new databases and a
 * {@code pg_dump | psql} took 6 s on the shared two-core machine, more than a smoke test may. Run
 * it with {@code -Dcontextdb.benchmarks.move=true}; it is skipped where {@code pg_dump} or
 * {@code psql} is missing.
 */
@EnabledIfSystemProperty(named = "contextdb.benchmarks.move", matches = "true")
class MoveBenchmarkSmokeTest {

    @Test
    void theMoveAndPgDumpBothRun() throws Exception {
        TestDatabase.postgres().close(); // fails under CI=true, skips otherwise, when PostgreSQL is down
        Assumptions.assumeTrue(MoveBenchmark.toolsAvailable(), "pg_dump and psql are not on the path");
        List<String> lines = new ArrayList<>();

        List<MoveBenchmark.Trial> trials = new MoveBenchmark().run(10_000, 1, lines::add);

        assertThat(trials).singleElement().satisfies(trial -> {
            assertThat(trial.move()).isPositive();
            assertThat(trial.dump()).isPositive();
        });
        assertThat(lines).singleElement().asString().startsWith("trial 1: move ");
    }
}
