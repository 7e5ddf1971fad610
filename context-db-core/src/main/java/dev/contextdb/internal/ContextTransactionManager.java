package dev.contextdb.internal;

import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.ResourceTransactionManager;

/**
 * A context's transaction manager: Spring's {@link DataSourceTransactionManager} over the
 * context's own DataSource, which also makes the context current for the transaction's duration.
 *
 * <p>The context is entered <em>before</em> the transaction fetches its connection, so the first
 * statement of the unit of work is already routed right (a router whose key is set after
 * {@code doBegin} hands out the wrong connection, spring-framework#34777), and the previous context
 * is restored when the transaction completes, however it completes.
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
        String previous = CurrentContext.enter(context);
        try {
            return new ContextTransactionStatus(delegate.getTransaction(definition), previous);
        } catch (RuntimeException | Error e) {
            CurrentContext.restore(previous);
            throw e;
        }
    }

    @Override
    public void commit(TransactionStatus status) throws TransactionException {
        ContextTransactionStatus own = own(status);
        try {
            delegate.commit(own.delegate());
        } finally {
            CurrentContext.restore(own.previousContext());
        }
    }

    @Override
    public void rollback(TransactionStatus status) throws TransactionException {
        ContextTransactionStatus own = own(status);
        try {
            delegate.rollback(own.delegate());
        } finally {
            CurrentContext.restore(own.previousContext());
        }
    }

    @Override
    public Object getResourceFactory() {
        return delegate.getResourceFactory();
    }

    /** @return the Spring transaction manager underneath, for customisation */
    public DataSourceTransactionManager delegate() {
        return delegate;
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
}
