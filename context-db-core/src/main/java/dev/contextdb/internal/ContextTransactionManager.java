package dev.contextdb.internal;

import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.core.Ordered;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.ResourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A context's transaction manager: Spring's {@link DataSourceTransactionManager} over the
 * context's own DataSource, which also makes the context current for the transaction's duration.
 *
 * <p>The transaction's connection always comes from the context's own DataSource, never from a
 * router whose key might not be set yet (spring-framework#34777), and the context is current
 * before the first statement of the unit of work runs, so the routing DataSource also hands out
 * that connection. The previous context is restored when the transaction completes, however it
 * completes.
 */
public final class ContextTransactionManager implements PlatformTransactionManager, ResourceTransactionManager {

    private final String context;
    private final DataSourceTransactionManager delegate;

    /**
     * @param context the context
     * @param dataSource its own DataSource
     */
    public ContextTransactionManager(String context, DataSource dataSource) {
        this.context = context;
        this.delegate = new DataSourceTransactionManager(dataSource);
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
        TransactionStatus status = delegate.getTransaction(definition);
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
            delegate.commit(own.delegate());
        } finally {
            completed(own);
        }
    }

    @Override
    public void rollback(TransactionStatus status) throws TransactionException {
        ContextTransactionStatus own = own(status);
        try {
            delegate.rollback(own.delegate());
        } finally {
            completed(own);
        }
    }

    @Override
    public Object getResourceFactory() {
        return delegate.getResourceFactory();
    }

    /**
     * @return Spring's transaction manager underneath, for its settings (default timeout,
     *     rollback on commit failure, execution listeners), which the Builder's transaction-manager
     *     customizers set; transactions must go through this manager, which makes the context current
     */
    public DataSourceTransactionManager delegate() {
        return delegate;
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
