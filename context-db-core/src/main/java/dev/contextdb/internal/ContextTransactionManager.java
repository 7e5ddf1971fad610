package dev.contextdb.internal;

import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.core.Ordered;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.ResourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A context's transaction manager: Spring's {@link DataSourceTransactionManager} over the
 * context's own DataSource (or the manager the application supplies instead, such as a
 * {@code JpaTransactionManager} on the same DataSource), which also makes the context current for
 * the transaction's duration.
 *
 * <p>The transaction's connection always comes from the context's own DataSource, never from a
 * router whose key might not be set yet (spring-framework#34777), and the context is current
 * before the first statement of the unit of work runs, so the routing DataSource also hands out
 * that connection. The previous context is restored when the transaction completes, however it
 * completes.
 */
final class ContextTransactionManager implements PlatformTransactionManager, ResourceTransactionManager {

    private final String context;
    private final Supplier<? extends AbstractPlatformTransactionManager> factory;
    private final Consumer<AbstractPlatformTransactionManager> customizer;
    private volatile AbstractPlatformTransactionManager delegate;

    /**
     * @param context the context
     * @param dataSource its own DataSource, for Spring's {@link DataSourceTransactionManager}
     * @param customizer applied to the manager underneath once it exists
     */
    public ContextTransactionManager(String context, DataSource dataSource,
            Consumer<AbstractPlatformTransactionManager> customizer) {
        this(context, () -> new DataSourceTransactionManager(dataSource), customizer);
        delegate();
    }

    /**
     * @param context the context
     * @param factory the manager underneath, created at the first transaction: it may need beans
     *     that are built on the context's DataSource (a JPA persistence unit), which cannot exist yet
     *     while the context's data layer starts
     * @param customizer applied to the manager underneath once it exists
     */
    public ContextTransactionManager(String context, Supplier<? extends AbstractPlatformTransactionManager> factory,
            Consumer<AbstractPlatformTransactionManager> customizer) {
        this.context = context;
        this.factory = factory;
        this.customizer = customizer;
    }

    /** @return the context whose transactions this manager runs */
    public String context() {
        return context;
    }

    @Override
    public TransactionStatus getTransaction(TransactionDefinition definition) throws TransactionException {
        String previous = CurrentContext.get();
        // The transaction takes its connection from this context's own DataSource, whatever is
        // current; the context is entered once the transaction (and a suspension of an outer
        // one, which must still see the outer context) is set up, before any of its statements.
        TransactionStatus status = delegate().getTransaction(definition);
        CurrentContext.enter(context);
        boolean opened = status.isNewTransaction();
        if (opened) {
            OpenTransactions.opened(context);
        }
        if (!context.equals(previous) && status instanceof DefaultTransactionStatus started
                && started.isNewSynchronization()) {
            // Restore the outer context before Spring resumes the outer transaction's resources.
            // Not needed when this context was already current (a bean of the context calling its
            // own @Transactional method, the usual case): a synchronization costs every
            // transaction four sorted copies of the synchronization list at commit.
            TransactionSynchronizationManager.registerSynchronization(new RestoreContext(previous));
        }
        return new ContextTransactionStatus(status, previous, opened);
    }

    @Override
    public void commit(TransactionStatus status) throws TransactionException {
        ContextTransactionStatus own = own(status);
        try {
            delegate().commit(own.delegate());
        } finally {
            completed(own);
        }
    }

    @Override
    public void rollback(TransactionStatus status) throws TransactionException {
        ContextTransactionStatus own = own(status);
        try {
            delegate().rollback(own.delegate());
        } finally {
            completed(own);
        }
    }

    @Override
    public Object getResourceFactory() {
        return ((ResourceTransactionManager) delegate()).getResourceFactory();
    }

    /**
     * @return Spring's transaction manager underneath, created and customized on first use;
     *     transactions must go through this manager, which makes the context current
     */
    public AbstractPlatformTransactionManager delegate() {
        AbstractPlatformTransactionManager manager = delegate;
        if (manager == null) {
            synchronized (this) {
                manager = delegate;
                if (manager == null) {
                    manager = factory.get();
                    if (!(manager instanceof ResourceTransactionManager)) {
                        throw new IllegalStateException("The transaction manager supplied for context '" + context
                                + "' (" + manager.getClass().getName() + ") manages no resource: a context's"
                                + " transactions must bind its DataSource's connection (a ResourceTransactionManager"
                                + " such as DataSourceTransactionManager or JpaTransactionManager).");
                    }
                    customizer.accept(manager);
                    delegate = manager;
                }
            }
        }
        return manager;
    }

    private void completed(ContextTransactionStatus own) {
        if (own.opened()) {
            OpenTransactions.closed(context);
        }
        CurrentContext.restore(own.previousContext());
    }

    private ContextTransactionStatus own(TransactionStatus status) {
        if (status instanceof ContextTransactionStatus own) {
            return own;
        }
        throw new IllegalArgumentException("Transaction status " + status + " was not created by the transaction manager"
                + " of context '" + context + "'");
    }

    @Override
    public String toString() {
        return "ContextTransactionManager[" + context + "]";
    }

    /** Runs after every other synchronization of the transaction, before an outer one resumes. */
    private record RestoreContext(String previous) implements TransactionSynchronization {

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public void afterCompletion(int status) {
            CurrentContext.restore(previous);
        }
    }
}
