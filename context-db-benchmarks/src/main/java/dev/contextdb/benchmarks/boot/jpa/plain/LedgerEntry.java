package dev.contextdb.benchmarks.boot.jpa.plain;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A ledger entry: an identity column, as most JPA applications on PostgreSQL map their ids. */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private long amount;

    protected LedgerEntry() {
    }

    public LedgerEntry(long amount) {
        this.amount = amount;
    }

    public Long getId() {
        return id;
    }

    public long getAmount() {
        return amount;
    }
}
