package dev.contextdb.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.contextdb.archunit.ContextDbRules;
import java.nio.file.Files;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Proves the ArchUnit benchmarks run, on a code base of about 200 classes instead of 10,000, and
 * that the code base it generates gives the rules real work: the planted violations, and nothing
 * else. The figures come from the real run documented in docs/benchmarks-archunit.md.
 */
class ArchUnitRulesBenchmarkSmokeTest {

    @Test
    void everyBenchmarkExecutesOnASmallCodeBase() throws Exception {
        Options options = new OptionsBuilder()
                .include(ArchUnitRulesBenchmark.class.getName())
                .param("classes", "200")
                .forks(0).threads(1)
                .warmupIterations(0)
                .measurementIterations(1)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        assertThat(results).hasSize(3);
        for (RunResult result : results) {
            assertThat(result.getPrimaryResult().getScore()).as(result.getParams().getBenchmark()).isPositive();
        }
    }

    @Test
    void theGeneratedCodeBaseBreaksEachRuleOnlyWhereViolationsArePlanted() throws Exception {
        GeneratedCodeBase codeBase = GeneratedCodeBase.create(200);
        try {
            assertThat(codeBase.classFiles()).isEqualTo(20 * GeneratedCodeBase.CLASSES_PER_UNIT + 20
                    + GeneratedCodeBase.PLANTED.size());
            JavaClasses classes = new ClassFileImporter().importPath(codeBase.classes());

            EvaluationResult result = ContextDbRules.all().evaluate(classes);

            List<String> violations = result.getFailureReport().getDetails();
            assertThat(violations).isNotEmpty().allSatisfy(violation -> assertThat(violation)
                    .containsAnyOf(GeneratedCodeBase.PLANTED.toArray(String[]::new)));
            assertThat(String.join("\n", violations))
                    .contains("context 'orders' uses Inventory000Repository of context 'inventory'")
                    .contains("context 'returns' uses Invoicing000Repository of context 'invoicing'")
                    .contains("context 'customers' names the transaction manager of context 'pricing'")
                    .contains("context 'payments' names the DataSource of context 'invoicing'")
                    .contains("Contexts inventory -> orders -> inventory depend on each other's data in a cycle")
                    .contains("AuditTrailRepository> is a Spring @Repository outside every bounded context");
        } finally {
            codeBase.delete();
        }
        assertThat(Files.exists(codeBase.classes())).isFalse();
    }
}
