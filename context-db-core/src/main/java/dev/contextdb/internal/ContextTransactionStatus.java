package dev.contextdb.internal;

import org.springframework.transaction.TransactionStatus;

/** A transaction's status plus the context to restore when it completes. */
final class ContextTransactionStatus extends DelegatingTransactionStatus {

    private final String previousContext;
    private final boolean opened;

    ContextTransactionStatus(TransactionStatus delegate, String previousContext, boolean opened) {
        super(delegate);
        this.previousContext = previousContext;
        this.opened = opened;
    }

    /** @return whether this status began a new transaction, rather than joining one */
    boolean opened() {
        return opened;
    }

    String previousContext() {
        return previousContext;
    }
}
