package dev.contextdb.internal;

import org.springframework.transaction.TransactionStatus;

/** A transaction's status plus the context to restore when it completes. */
final class ContextTransactionStatus implements TransactionStatus {

    private final TransactionStatus delegate;
    private final String previousContext;
    private final boolean opened;

    ContextTransactionStatus(TransactionStatus delegate, String previousContext, boolean opened) {
        this.delegate = delegate;
        this.previousContext = previousContext;
        this.opened = opened;
    }

    /** @return whether this status began a new transaction, rather than joining one */
    boolean opened() {
        return opened;
    }

    TransactionStatus delegate() {
        return delegate;
    }

    String previousContext() {
        return previousContext;
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
