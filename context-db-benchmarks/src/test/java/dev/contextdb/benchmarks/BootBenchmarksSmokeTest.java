package dev.contextdb.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.contextdb.test.TestDatabase;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Proves the Spring Boot benchmarks run, in a few seconds: in this JVM, one short iteration, one
 * context for the start-up. Figures come from the real runs in docs/benchmarks.md.
 */
class BootBenchmarksSmokeTest {

    @Test
    void transactionalServiceBenchmarkRunsBothApplications() throws Exception {
        TestDatabase.postgres().close(); // fails under CI=true, skips otherwise, when PostgreSQL is down
        Collection<RunResult> results = run(new OptionsBuilder()
                .include(TransactionalServiceBenchmark.class.getName() + "\\.")
                .param("database", "postgresql", "h2")
                .measurementTime(TimeValue.milliseconds(300)));
        assertThat(results).extracting(result -> result.getParams().getBenchmark().replaceFirst(".*\\.", "")
                        + " on " + result.getParams().getParam("database"))
                .containsExactlyInAnyOrder("contextDb on postgresql", "plainBoot on postgresql", "sideBySide on postgresql",
                        "contextDb on h2", "plainBoot on h2", "sideBySide on h2");
        assertScoresPositive(results);
    }

    @Test
    void bothApplicationsMakeTheSameThreeRoundTripsPerTransaction() throws Exception {
        TestDatabase.postgres().close();
        List<TransactionCost.Side> sides = TransactionCost.measure(2, 20);
        // begin + insert, select, commit: context-db adds no statement to the plain application's.
        // Within 0.1: HikariCP checks a connection left idle for more than 500 ms with one round trip
        // of its own, which on a loaded machine can fall into the few calls of a block; an extra
        // statement per transaction would add 1.
        assertThat(sides).extracting(TransactionCost.Side::roundTrips)
                .allSatisfy(trips -> assertThat(trips).isCloseTo(3.0, within(0.1)));
    }

    @Test
    void bootStartupBenchmarkStartsOneContextWithTheStarterAndByHand() throws Exception {
        Collection<RunResult> results = run(new OptionsBuilder()
                .include(BootStartupBenchmark.class.getName() + "\\.")
                .param("contexts", "1"));
        assertThat(results).extracting(result -> result.getParams().getBenchmark().replaceFirst(".*\\.", ""))
                .containsExactlyInAnyOrder("startToReady", "byHand");
        assertScoresPositive(results);
    }

    @Test
    void theByHandBaselineGivesEachContextThePoolsAndMigrationsTheStarterGivesIt() throws Exception {
        BootStartupBenchmark benchmark = new BootStartupBenchmark();
        benchmark.contexts = 10;
        benchmark.freshDatabase();
        ConfigurableApplicationContext byHand = benchmark.byHand();
        try {
            assertThat(byHand.getBeansOfType(DataSource.class)).hasSize(10).containsKey("startup10DataSource");
            assertThat(byHand.getBeansOfType(Flyway.class)).hasSize(10);
            assertThat(byHand.getBeansOfType(PlatformTransactionManager.class)).hasSize(10);
            assertThat(byHand.getBean("startup10JdbcTemplate", JdbcTemplate.class)
                    .queryForObject("select count(*) from \"startup10\".item", Integer.class)).isZero();
        } finally {
            benchmark.stop();
        }
        benchmark.freshDatabase();
        ConfigurableApplicationContext withStarter = benchmark.startToReady();
        try {
            // The context's own beans, as by hand, plus the routing DataSource.
            assertThat(withStarter.getBeansOfType(DataSource.class)).hasSize(11).containsKey("startup10DataSource");
            assertThat(withStarter.getBeansOfType(Flyway.class)).hasSize(10);
        } finally {
            benchmark.stop();
        }
    }

    private static Collection<RunResult> run(ChainedOptionsBuilder options) throws Exception {
        Options built = options.forks(0).threads(1).warmupIterations(0).measurementIterations(1).build();
        return new Runner(built).run();
    }

    private static void assertScoresPositive(Collection<RunResult> results) {
        for (RunResult result : results) {
            assertThat(result.getPrimaryResult().getScore()).as(result.getParams().getBenchmark()).isPositive();
        }
    }
}
