package dev.contextdb.benchmarks;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.contextdb.archunit.ContextDbRules;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code ContextDbRules.all()} adds to a build's architecture test, against ArchUnit's class
 * import alone, which every ArchUnit test pays anyway. Every invocation imports a code base of
 * 20 bounded contexts ({@link GeneratedCodeBase}, compiled once per fork) from scratch, as a test
 * run does; the rules then find the handful of violations planted in it.
 *
 * <pre>
 * java -jar context-db-benchmarks/target/benchmarks.jar ArchUnitRulesBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// The first imports in a fresh JVM take up to three times as long as later ones.
@Warmup(iterations = 4)
@Measurement(iterations = 6)
// Each fork compiles its own code base first: 30 to 60 s for 10,000 classes on two cores.
// A fixed heap, so that the figures do not depend on the machine's memory; an import keeps
// well under 1 GB live.
@Fork(value = 2, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@State(Scope.Benchmark)
public class ArchUnitRulesBenchmark {

    /** About how many classes the generated code base has. */
    @Param("10000")
    public int classes;

    private GeneratedCodeBase codeBase;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        codeBase = GeneratedCodeBase.create(classes);
    }

    /** The previous invocation's classes are garbage: collect them off the clock. */
    @Setup(Level.Iteration)
    public void collectGarbage() {
        System.gc();
    }

    @TearDown(Level.Trial)
    public void delete() {
        codeBase.delete();
    }

    /** The baseline: ArchUnit's import, which any ArchUnit test of the code base pays. */
    @Benchmark
    public JavaClasses importOnly() {
        return new ClassFileImporter().importPath(codeBase.classes());
    }

    /** The import, then every context-db rule, as {@code @ArchTest ArchRule rule = ContextDbRules.all()} runs it. */
    @Benchmark
    public AssertionError importAndCheckAll() {
        return checkAll(new ClassFileImporter().importPath(codeBase.classes()));
    }

    /**
     * The rules alone, on a fresh import made off the clock: what {@link #importAndCheckAll()} adds
     * to {@link #importOnly()}, measured directly. On a loaded machine the difference of two
     * figures of several seconds each is lost in their error bars; this figure is not.
     */
    @Benchmark
    public AssertionError checkAll(Imported imported) {
        return checkAll(imported.classes);
    }

    private static AssertionError checkAll(JavaClasses classes) {
        try {
            ContextDbRules.all().check(classes);
        } catch (AssertionError planted) {
            return planted;
        }
        throw new IllegalStateException("The rules found none of the violations planted in the code base");
    }

    /** A fresh import for every invocation, so that nothing ArchUnit computes lazily is reused. */
    @State(Scope.Thread)
    public static class Imported {

        JavaClasses classes;

        @Setup(Level.Invocation)
        public void importClasses(ArchUnitRulesBenchmark benchmark) {
            classes = new ClassFileImporter().importPath(benchmark.codeBase.classes());
        }

        @TearDown(Level.Invocation)
        public void release() {
            classes = null;
        }
    }
}
