package dev.contextdb.internal;

import java.util.List;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps work in one context out of another context's open transaction. When code switches from
 * context A (with a transaction open) to context B, A's transaction synchronization is suspended
 * for B's work, just as Spring suspends it for {@code PROPAGATION_NOT_SUPPORTED}: B's statements
 * run on B's own connections and are never bound to A's transaction, or released when A ends.
 */
final class ForeignSynchronization {

    private final List<TransactionSynchronization> synchronizations;
    private final String name;
    private final boolean readOnly;
    private final Integer isolationLevel;
    private final boolean active;

    private ForeignSynchronization(List<TransactionSynchronization> synchronizations) {
        this.synchronizations = synchronizations;
        this.name = TransactionSynchronizationManager.getCurrentTransactionName();
        this.readOnly = TransactionSynchronizationManager.isCurrentTransactionReadOnly();
        this.isolationLevel = TransactionSynchronizationManager.getCurrentTransactionIsolationLevel();
        this.active = TransactionSynchronizationManager.isActualTransactionActive();
    }

    /**
     * Call with the leaving context still current.
     * @return what was suspended, or {@code null} when there was nothing to suspend
     */
    static ForeignSynchronization suspendFor(String entering) {
        if (!TransactionSynchronizationManager.isSynchronizationActive() || entering.equals(CurrentContext.get())) {
            return null;
        }
        List<TransactionSynchronization> synchronizations = TransactionSynchronizationManager.getSynchronizations();
        for (TransactionSynchronization synchronization : synchronizations) {
            synchronization.suspend();
        }
        ForeignSynchronization suspended = new ForeignSynchronization(synchronizations);
        TransactionSynchronizationManager.clearSynchronization();
        TransactionSynchronizationManager.setCurrentTransactionName(null);
        TransactionSynchronizationManager.setCurrentTransactionReadOnly(false);
        TransactionSynchronizationManager.setCurrentTransactionIsolationLevel(null);
        TransactionSynchronizationManager.setActualTransactionActive(false);
        return suspended;
    }

    /** Call with the leaving context current again. */
    void resume() {
        TransactionSynchronizationManager.setCurrentTransactionName(name);
        TransactionSynchronizationManager.setCurrentTransactionReadOnly(readOnly);
        TransactionSynchronizationManager.setCurrentTransactionIsolationLevel(isolationLevel);
        TransactionSynchronizationManager.setActualTransactionActive(active);
        TransactionSynchronizationManager.initSynchronization();
        for (TransactionSynchronization synchronization : synchronizations) {
            synchronization.resume();
            TransactionSynchronizationManager.registerSynchronization(synchronization);
        }
    }
}
