package dev.contextdb.benchmarks.boot.jpastartup.contexts.c10;

import org.springframework.data.jpa.repository.JpaRepository;

/** Context jpa10's repository. */
public interface Item10Repository extends JpaRepository<Item10, Long> {
}
