package dev.contextdb.test;

import dev.contextdb.IsolationStrategy;
import java.util.Objects;
import org.springframework.core.Ordered;
import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Closes the application context of a run of a test class when the run is over, which drops its
 * schemas and databases ({@link ContextDbTestPlacement}): before the first test instance of the next
 * run (another strategy) is prepared, and after the class. Spring's test context, and so its
 * application context, is one for all runs of a class: JUnit calls the class callbacks of a class
 * template once, around all its runs. Without this a cached context that is never used again would
 * keep its pools open and its schemas in the database until the JVM ends. Before each test method it
 * forgets the events published before ({@link ContextDbTestEvents#published}).
 */
final class ContextDbTestCleanup extends AbstractTestExecutionListener {

    @Override
    public int getOrder() {
        // First before each test instance, before dependency injection loads the context; after the
        // class, listeners run in reverse order: this one last, when no other needs the context.
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void prepareTestInstance(TestContext testContext) {
        if (testContext.hasApplicationContext()) {
            ContextDbTestPlacement placement = testContext.getApplicationContext()
                    .getBean(ContextDbTestPlacement.class);
            IsolationStrategy run = ContextDbTestRuns.current(testContext.getTestClass());
            if (!Objects.equals(placement.strategy(), run)) {
                testContext.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
            }
        }
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        testContext.getApplicationContext().getBean(ContextDbTestEvents.class).clear();
    }

    @Override
    public void afterTestClass(TestContext testContext) {
        if (testContext.hasApplicationContext()) {
            testContext.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
        }
    }
}
