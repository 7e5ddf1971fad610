package dev.contextdb.archunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.EngineFilter.includeEngines;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import dev.contextdb.archunit.fixtures.consumer.PlantedViolationConsumer;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** The same one line on an application with a planted violation fails the consumer's build. */
class ConsumerStyleFailureTest {

    @Test
    void oneLineFailsTheBuildAndNamesTheViolation() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();

        // Without the build's own listeners: this inner run fails on purpose and must not be
        // reported as a failure of the build.
        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
                .execute(request().selectors(selectClass(PlantedViolationConsumer.class))
                .filters(includeEngines("archunit")).build(), listener);

        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(summary.getFailures().get(0).getException()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Rule '" + ContextDbRules.all().getDescription() + "' was violated (1 times)")
                .hasMessageContaining("OrderService.place()> is annotated with @CatalogTransactional,"
                        + " meta-annotated with @Transactional(\"catalogTransactionManager\") in (OrderService.java:9)");
    }
}
