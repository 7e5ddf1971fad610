package dev.contextdb.archunit;

import static dev.contextdb.archunit.Fixtures.pkg;
import static dev.contextdb.archunit.Fixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.lang.ArchRule;
import dev.contextdb.archunit.ContextDbRules.Enforcement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule 4 and its enforcement. */
class DataAccessInsideContextsTest {

    private static final String FIX = ". Fix: move it into the package of the context whose data it accesses,"
            + " or declare @BoundedContext on its package.";

    private static final List<String> OUTSIDE = List.of(
            "Class <" + pkg("outside.audit.AuditRepository") + "> is a Spring @Repository outside every bounded"
                    + " context in (AuditRepository.java:0)" + FIX,
            "Class <" + pkg("outside.jooq.Tables") + "> is a holder of jOOQ tables, keys or sequences outside every"
                    + " bounded context in (Tables.java:0)" + FIX,
            "Class <" + pkg("outside.reporting.ReportQueries") + "> is a class that injects DSLContext outside every"
                    + " bounded context in (ReportQueries.java:0)" + FIX);

    @Test
    void failReportsEveryDataAccessTypeOutsideEveryContext() {
        // Fine: catalog's repository, the web controller (no data access) and, in support, an
        // abstract repository and a @NoRepositoryBean interface (templates for the contexts).
        assertThat(violations(ContextDbRules.dataAccessInsideContexts(), "outside")).containsExactlyElementsOf(OUTSIDE);
        assertThat(violations(ContextDbRules.dataAccessInsideContexts(Enforcement.FAIL), "outside"))
                .containsExactlyElementsOf(OUTSIDE);
        assertThat(violations(ContextDbRules.all(), "outside")).containsExactlyElementsOf(OUTSIDE);
    }

    @Test
    void templatesAreDataAccessTypesThatRule4Exempts() {
        ContextAnalysis analysis = ContextAnalysis.of(Fixtures.imported("outside"));

        assertThat(analysis.dataAccessKindOf(Fixtures.imported("outside").get(pkg("outside.support.BaseRepository"))))
                .contains(DataAccessKind.code("a Spring Data repository"));
        assertThat(analysis.dataAccessKindOf(
                Fixtures.imported("outside").get(pkg("outside.support.AbstractJdbcRepository"))))
                .contains(DataAccessKind.code("a class that injects JdbcClient"));
    }

    @Test
    void warnLogsEveryViolationAndPasses() {
        List<String> warnings = new ArrayList<>();
        ArchRule rule = ContextDbRules.dataAccessInsideContextsRule(Enforcement.WARN, warnings::add);

        assertThat(violations(rule, "outside")).isEmpty();
        assertThat(warnings).containsExactlyElementsOf(OUTSIDE);
    }

    @Test
    void warnInAllWarnsOnlyAboutRule4() {
        List<String> warnings = new ArrayList<>();
        ArchRule rule = ContextDbRules.all(Enforcement.WARN, warnings::add);

        assertThat(violations(rule, "outside")).isEmpty();
        assertThat(warnings).containsExactlyElementsOf(OUTSIDE);
        assertThat(violations(rule, "cycle")).hasSize(4);
    }

    @Test
    void offChecksNothing() {
        assertThat(violations(ContextDbRules.dataAccessInsideContexts(Enforcement.OFF), "outside")).isEmpty();
        assertThat(violations(ContextDbRules.all(Enforcement.OFF), "outside")).isEmpty();
        assertThat(violations(ContextDbRules.all(Enforcement.OFF), "cycle")).hasSize(4);
    }

    @Test
    void enforcementNeverChangesTheDescriptionThatFreezeStoresKeyOn() {
        for (Enforcement enforcement : Enforcement.values()) {
            assertThat(ContextDbRules.dataAccessInsideContexts(enforcement).getDescription())
                    .isEqualTo(ContextDbRules.dataAccessInsideContexts().getDescription());
            assertThat(ContextDbRules.all(enforcement).getDescription())
                    .isEqualTo(ContextDbRules.all().getDescription());
        }
    }
}
