package dev.contextdb.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.contextdb.benchmarks.boot.jpastartup.contexts.c10.Item10;
import dev.contextdb.benchmarks.boot.jpastartup.contexts.c10.Item10Repository;
import dev.contextdb.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Proves the JPA benchmarks run and compare like with like, in half a minute: the service
 * benchmark's JMH setup and one short side-by-side iteration in this JVM, both applications'
 * transactions on PostgreSQL making the same round trips, and each start-up benchmark method once,
 * the hand-written baseline holding the same units, repositories and migrations as the starter's. Figures come from the real runs in docs/benchmarks.md.
 */
class JpaBenchmarksSmokeTest {

    @Test
    void jpaServiceBenchmarkRunsBothApplicationsSideBySide() throws Exception {
        // The group calls both applications' benchmark methods; PostgreSQL's setup runs in the next test.
        Collection<RunResult> results = run(new OptionsBuilder()
                .include(JpaServiceBenchmark.class.getName() + "\\.sideBySide")
                .param("database", "h2")
                .measurementTime(TimeValue.milliseconds(200)));
        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.getSecondaryResults()).containsKeys("sideBySideContextDb", "sideBySidePlainBoot");
            assertThat(result.getSecondaryResults().values()).allSatisfy(score -> assertThat(score.getScore()).isPositive());
        });
    }

    @Test
    void bothJpaApplicationsMakeTheSameRoundTripsPerTransaction() throws Exception {
        TestDatabase.postgres().close();
        // Every call after the first finds the entry the call before saved, or measure() fails.
        List<TransactionCost.Side> sides = JpaTransactionCost.measure(2, 20);
        // insert (with BEGIN), select by id, commit: context-db adds no statement to plain Boot's.
        // Within 0.1: HikariCP checks a connection left idle for more than 500 ms with one round trip
        // of its own, which on a loaded machine can fall into the few calls of a block; an extra
        // statement per transaction would add 1.
        assertThat(sides).extracting(TransactionCost.Side::roundTrips)
                .allSatisfy(trips -> assertThat(trips).isCloseTo(3.0, within(0.1)));
    }

    @Test
    void theByHandBaselineHasTheUnitsRepositoriesAndMigrationsTheStarterGives() throws Exception {
        JpaStartupBenchmark benchmark = new JpaStartupBenchmark();
        for (boolean byHand : new boolean[] {true, false}) {
            benchmark.freshDatabase();
            ConfigurableApplicationContext application = byHand ? benchmark.byHand() : benchmark.startToReady();
            try {
                assertThat(application.getBeansOfType(EntityManagerFactory.class)).as("byHand=" + byHand)
                        .hasSize(10).containsKey("jpa10EntityManagerFactory");
                // A JPA transaction: the unit's EntityManager is bound to it (with the starter a
                // JpaTransactionManager runs underneath the context's transaction manager).
                EntityManagerFactory unit = application.getBean("jpa10EntityManagerFactory", EntityManagerFactory.class);
                Boolean bound = new TransactionTemplate(application.getBean("jpa10TransactionManager",
                        PlatformTransactionManager.class)).execute(status -> TransactionSynchronizationManager.hasResource(unit));
                assertThat(bound).as("byHand=" + byHand).isTrue();
                assertThat(application.getBeansOfType(Flyway.class)).hasSize(10);
                // The context's own DataSources, plus context-db's routing one.
                assertThat(application.getBeansOfType(DataSource.class)).hasSize(byHand ? 10 : 11);
                application.getBean(Item10Repository.class).save(new Item10("saved"));
                assertThat(application.getBean("jpa10JdbcTemplate", JdbcTemplate.class)
                        .queryForObject("select name from \"jpa10\".item", String.class)).isEqualTo("saved");
            } finally {
                benchmark.stop();
            }
        }
    }

    private static Collection<RunResult> run(ChainedOptionsBuilder options) throws Exception {
        return new Runner(options.forks(0).threads(1).warmupIterations(0).measurementIterations(1).build()).run();
    }
}
