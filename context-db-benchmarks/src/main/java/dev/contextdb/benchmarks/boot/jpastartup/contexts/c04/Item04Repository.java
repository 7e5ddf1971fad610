package dev.contextdb.benchmarks.boot.jpastartup.contexts.c04;

import org.springframework.data.jpa.repository.JpaRepository;

/** Context jpa04's repository. */
public interface Item04Repository extends JpaRepository<Item04, Long> {
}
