package dev.contextdb.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;

/**
 * The transaction manager for code outside every context: a transaction runs in the transaction
 * manager of the context current when it begins, else of the default context, chosen by the
 * routing DataSource's rule ({@link ContextChoice}), and fails with its message when there is none.
 */
final class ContextRoutingTransactionManager implements PlatformTransactionManager {

    private final Map<String, PlatformTransactionManager> managers;
    private final List<String> names;
    private final String defaultContext;

    /**
     * @param managers each context's transaction manager, by context name
     * @param defaultContext the context to use when none is current, or {@code null} to fail then
     */
    public ContextRoutingTransactionManager(Map<String, ? extends PlatformTransactionManager> managers,
            String defaultContext) {
        this.managers = new HashMap<>(managers);
        this.names = managers.keySet().stream().sorted().toList();
        this.defaultContext = defaultContext;
    }

    @Override
    public TransactionStatus getTransaction(TransactionDefinition definition) throws TransactionException {
        String context = ContextChoice.of(CurrentContext.get(), defaultContext);
        PlatformTransactionManager manager = context == null ? null : managers.get(context);
        if (manager == null) {
            throw ContextChoice.unavailable(context, "routing transaction manager", names);
        }
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
                + " routing transaction manager");
    }

    @Override
    public String toString() {
        return "ContextRoutingTransactionManager" + names;
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
