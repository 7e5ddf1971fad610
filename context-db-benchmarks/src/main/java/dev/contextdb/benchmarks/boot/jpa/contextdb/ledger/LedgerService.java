package dev.contextdb.benchmarks.boot.jpa.contextdb.ledger;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Written as an application would write it: a repository and an unqualified {@code @Transactional}
 * (it runs in {@code ledgerTransactionManager}, a {@code JpaTransactionManager} on
 * {@code ledgerEntityManagerFactory}). Same code as the plain application's service.
 */
@Service
public class LedgerService {

    private final LedgerEntryRepository entries;

    public LedgerService(LedgerEntryRepository entries) {
        this.entries = entries;
    }

    /**
     * Saves an entry and finds another by id, in one transaction. The entry found is one an earlier
     * call committed, so that the find reads the database (the entry just saved would come from the
     * persistence context without a statement).
     * @param amount the new entry's amount
     * @param previous the id of an entry saved before
     * @return the new entry's id, negated if there was no entry {@code previous}
     */
    @Transactional
    public long post(long amount, long previous) {
        LedgerEntry saved = entries.save(new LedgerEntry(amount));
        boolean found = entries.findById(previous).isPresent();
        return found ? saved.getId() : -saved.getId();
    }
}
