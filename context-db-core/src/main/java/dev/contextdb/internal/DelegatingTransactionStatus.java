package dev.contextdb.internal;

import org.springframework.transaction.TransactionStatus;

/**
 * A transaction status that hands every call to the status of the transaction manager underneath,
 * for managers that wrap another one and must recognise their own statuses in commit and rollback.
 */
class DelegatingTransactionStatus implements TransactionStatus {

    private final TransactionStatus delegate;

    /** @param delegate the status of the manager underneath */
    DelegatingTransactionStatus(TransactionStatus delegate) {
        this.delegate = delegate;
    }

    /** @return the status of the manager underneath */
    public TransactionStatus delegate() {
        return delegate;
    }

    @Override
    public String getTransactionName() {
        return delegate.getTransactionName();
    }

    @Override
    public boolean hasTransaction() {
        return delegate.hasTransaction();
    }

    @Override
    public boolean isNewTransaction() {
        return delegate.isNewTransaction();
    }

    @Override
    public boolean isNested() {
        return delegate.isNested();
    }

    @Override
    public boolean isReadOnly() {
        return delegate.isReadOnly();
    }

    @Override
    public void setRollbackOnly() {
        delegate.setRollbackOnly();
    }

    @Override
    public boolean isRollbackOnly() {
        return delegate.isRollbackOnly();
    }

    @Override
    public boolean isCompleted() {
        return delegate.isCompleted();
    }

    @Override
    public boolean hasSavepoint() {
        return delegate.hasSavepoint();
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public Object createSavepoint() {
        return delegate.createSavepoint();
    }

    @Override
    public void rollbackToSavepoint(Object savepoint) {
        delegate.rollbackToSavepoint(savepoint);
    }

    @Override
    public void releaseSavepoint(Object savepoint) {
        delegate.releaseSavepoint(savepoint);
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
