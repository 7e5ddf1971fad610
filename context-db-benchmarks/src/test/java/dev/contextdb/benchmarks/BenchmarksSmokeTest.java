package dev.contextdb.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.test.TestDatabase;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Proves each benchmark runs, in a few seconds: one short iteration in this JVM, no warm-up. The
 * figures come from the real runs documented in docs/benchmarks.md, never from this test.
 */
class BenchmarksSmokeTest {

    @Test
    void everyBenchmarkExecutes() throws Exception {
        TestDatabase.postgres().close(); // fails under CI=true, skips otherwise, when PostgreSQL is down
        Options options = new OptionsBuilder()
                .include(RoutingBenchmark.class.getName())
                .include(SharedPoolBenchmark.class.getName())
                .include(StartupBenchmark.class.getName())
                .param("contexts", "2")
                .forks(0).threads(1)
                .warmupIterations(0)
                .measurementIterations(1).measurementTime(TimeValue.milliseconds(200))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        assertThat(results).hasSize(7 + 5 + 2);
        for (RunResult result : results) {
            assertThat(result.getPrimaryResult().getScore()).as(result.getParams().getBenchmark()).isPositive();
        }
    }
}
