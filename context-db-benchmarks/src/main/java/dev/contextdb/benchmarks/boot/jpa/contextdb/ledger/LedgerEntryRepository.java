package dev.contextdb.benchmarks.boot.jpa.contextdb.ledger;

import org.springframework.data.jpa.repository.JpaRepository;

/** A Spring Data JPA repository, as an application declares it. */
public interface LedgerEntryRepository extends JpaRepository<LedgerEntry, Long> {
}
