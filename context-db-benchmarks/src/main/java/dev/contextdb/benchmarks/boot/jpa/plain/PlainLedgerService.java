package dev.contextdb.benchmarks.boot.jpa.plain;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The same service as the context-db application's, on Boot's single DataSource, entity manager
 * factory and {@code JpaTransactionManager}.
 */
@Service
public class PlainLedgerService {

    private final LedgerEntryRepository entries;

    public PlainLedgerService(LedgerEntryRepository entries) {
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
