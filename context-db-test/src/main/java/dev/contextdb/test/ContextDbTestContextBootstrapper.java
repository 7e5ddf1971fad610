package dev.contextdb.test;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.context.transaction.TransactionalTestExecutionListener;

/**
 * Boot's bootstrapper for a test slice (it finds the {@code @SpringBootConfiguration} and applies
 * {@link ContextDbTest#properties()}), with three changes: the slice's customizer places the
 * contexts ({@link ContextDbTestSlice}); the test transaction is the context's
 * ({@link ContextDbTestTransactions}, in place of Spring's listener, which would take the routing
 * {@code transactionManager}); the application context is closed after each run of the class
 * ({@link ContextDbTestCleanup}), which drops what the run created.
 */
final class ContextDbTestContextBootstrapper extends TestSliceTestContextBootstrapper<ContextDbTest> {

    @Override
    protected List<ContextCustomizerFactory> getContextCustomizerFactories() {
        List<ContextCustomizerFactory> factories = new ArrayList<>(super.getContextCustomizerFactories());
        factories.add(ContextDbTestSlice::forTestClass);
        return factories;
    }

    @Override
    protected List<TestExecutionListener> getDefaultTestExecutionListeners() {
        List<TestExecutionListener> listeners = new ArrayList<>();
        for (TestExecutionListener listener : super.getDefaultTestExecutionListeners()) {
            listeners.add(listener.getClass() == TransactionalTestExecutionListener.class
                    ? new ContextDbTestTransactions() : listener);
        }
        listeners.add(new ContextDbTestCleanup());
        return listeners;
    }
}
