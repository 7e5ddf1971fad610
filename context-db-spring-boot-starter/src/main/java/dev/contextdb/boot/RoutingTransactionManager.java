package dev.contextdb.boot;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextScope;
import dev.contextdb.internal.DelegatingTransactionStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;

/**
 * The primary transaction manager, for code outside every context: a transaction runs in the
 * transaction manager of the context current when it begins (or of {@code context-db.default-context}),
 * and fails with a message that says how to choose one when there is none.
 */
final class RoutingTransactionManager implements PlatformTransactionManager {

    private final ContextDb contextDb;
    private final String defaultContext;

    RoutingTransactionManager(ContextDb contextDb, String defaultContext) {
        this.contextDb = contextDb;
        this.defaultContext = defaultContext;
    }

    @Override
    public TransactionStatus getTransaction(TransactionDefinition definition) throws TransactionException {
        String context = ContextScope.current().orElse(defaultContext);
        if (context == null) {
            throw new IllegalStateException("No bounded context is current on thread '" + Thread.currentThread().getName()
                    + "', so the primary transaction manager cannot choose one. Declare @Transactional in a class of"
                    + " a context, name the manager (@Transactional(\"<context>TransactionManager\")), enter a"
                    + " context with ContextScope.run(\"<context>\", ...), or set context-db.default-context."
                    + " Contexts: " + contextDb.model().names() + ".");
        }
        PlatformTransactionManager manager = contextDb.transactionManager(context);
        return new RoutedTransactionStatus(manager, manager.getTransaction(definition));
    }

    @Override
    public void commit(TransactionStatus status) throws TransactionException {
        RoutedTransactionStatus routed = routed(status);
        routed.manager().commit(routed.delegate());
    }

    @Override
    public void rollback(TransactionStatus status) throws TransactionException {
        RoutedTransactionStatus routed = routed(status);
        routed.manager().rollback(routed.delegate());
    }

    private static RoutedTransactionStatus routed(TransactionStatus status) {
        if (status instanceof RoutedTransactionStatus routed) {
            return routed;
        }
        throw new IllegalArgumentException("Transaction status " + status + " was not created by the context-db"
                + " primary transaction manager");
    }

    @Override
    public String toString() {
        return "RoutingTransactionManager" + contextDb.model().names();
    }

    /** A context manager's status, plus the manager that must complete it. */
    private static final class RoutedTransactionStatus extends DelegatingTransactionStatus {

        private final PlatformTransactionManager manager;

        RoutedTransactionStatus(PlatformTransactionManager manager, TransactionStatus delegate) {
            super(delegate);
            this.manager = manager;
        }

        PlatformTransactionManager manager() {
            return manager;
        }
    }
}
