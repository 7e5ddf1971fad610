package dev.contextdb.benchmarks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.contextdb.BoundedContext;
import dev.contextdb.ContextDb;
import dev.contextdb.archunit.ContextDbRules;
import dev.contextdb.boot.ContextDbAutoConfiguration;
import org.junit.jupiter.api.Test;

/**
 * context-db's own boundary, checked with ArchUnit as it asks its users to check theirs: nothing
 * outside context-db-core uses {@code dev.contextdb.internal}; what another module needs is public
 * API; and the modules depend one way: model ← core ← starter, model ← ArchUnit rules. It lives here because this module's class path holds every other module's classes: the
 * starter, the ArchUnit rules and the benchmarks themselves.
 */
class InternalBoundaryTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // Core's test jar, when the reactor resolves it as a jar rather than a directory.
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.contextdb");

    /** Where context-db-core's own classes come from, its classes directory or its jar, as ArchUnit sees it. */
    private static final String CORE = root(CLASSES.get(ContextDb.class));

    /** The same for context-db-model, which shares core's package. */
    private static final String MODEL = root(CLASSES.get(BoundedContext.class));

    private static final DescribedPredicate<JavaClass> OUTSIDE_CORE = DescribedPredicate.describe(
            "are outside context-db-core", type -> !from(type, CORE));

    private static final DescribedPredicate<JavaClass> IN_MODEL = DescribedPredicate.describe(
            "are in context-db-model", type -> from(type, MODEL));

    private static final DescribedPredicate<JavaClass> IN_CORE = DescribedPredicate.describe(
            "are in context-db-core", type -> from(type, CORE));

    @Test
    void everyModuleIsImported() {
        assertThat(CLASSES.contain(ContextDbAutoConfiguration.class)).as("the starter").isTrue();
        assertThat(CLASSES.contain(ContextDbRules.class)).as("the ArchUnit rules").isTrue();
        assertThat(CLASSES.contain(RoutingBenchmark.class)).as("the benchmarks").isTrue();
        assertThat(CLASSES.contain(ContextDb.class)).as("core").isTrue();
    }

    @Test
    void nothingOutsideCoreUsesItsInternalPackage() {
        ArchRule rule = noClasses().that(OUTSIDE_CORE)
                .should().dependOnClassesThat().resideInAPackage("dev.contextdb.internal..")
                .because("what another module needs from core is public API; internal may change in any release");
        rule.check(CLASSES);
    }

    @Test
    void theModelDependsOnNoOtherModule() {
        noClasses().that(IN_MODEL)
                .should().dependOnClassesThat(DescribedPredicate.describe("are of another context-db module",
                        type -> type.getPackageName().startsWith("dev.contextdb") && !from(type, MODEL)))
                .because("domain modules and ArchUnit tests depend on the model alone")
                .check(CLASSES);
    }

    @Test
    void theArchUnitRulesUseTheModelNotTheRuntime() {
        noClasses().that().resideInAPackage("dev.contextdb.archunit..")
                .should().dependOnClassesThat(IN_CORE.or(DescribedPredicate.describe("are in the starter",
                        type -> type.getPackageName().startsWith("dev.contextdb.boot"))))
                .because("a consumer's ArchUnit test needs no data layer on its class path")
                .check(CLASSES);
    }

    @Test
    void coreDependsOnNeitherTheStarterNorTheRules() {
        noClasses().that(IN_CORE)
                .should().dependOnClassesThat().resideInAnyPackage("dev.contextdb.boot..", "dev.contextdb.archunit..",
                        "dev.contextdb.benchmarks..")
                .check(CLASSES);
    }

    /** Whether the class (for an array, its component) was loaded from the module at {@code root}. */
    private static boolean from(JavaClass type, String root) {
        return type.getBaseComponentType().getSource().map(source -> source.getUri().toString().startsWith(root)).orElse(false);
    }

    /** {@code file:/…/classes/dev/contextdb/ContextDb.class} → {@code file:/…/classes/}; the same within a jar. */
    private static String root(JavaClass type) {
        String uri = type.getSource().orElseThrow().getUri().toString();
        return uri.substring(0, uri.length() - (type.getName().replace('.', '/') + ".class").length());
    }
}
