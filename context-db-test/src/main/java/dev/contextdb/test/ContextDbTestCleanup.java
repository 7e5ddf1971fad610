package dev.contextdb.test;

import org.springframework.core.Ordered;
import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Closes the application context after each run of a test class: its schemas and databases, named
 * for the run, are dropped as it closes ({@link ContextDbTestPlacement}), and the next run (the next
 * strategy) starts a context of its own. A context that is cached and never used again would keep
 * its pools open and its schemas in the database until the JVM ends.
 */
final class ContextDbTestCleanup extends AbstractTestExecutionListener {

    @Override
    public int getOrder() {
        // After the class, listeners run in reverse order: this one last, when no other needs the context.
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void afterTestClass(TestContext testContext) {
        if (testContext.hasApplicationContext()) {
            testContext.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
        }
    }
}
