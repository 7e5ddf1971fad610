package dev.contextdb.benchmarks.boot.jpastartup.contexts.c07;

import org.springframework.data.jpa.repository.JpaRepository;

/** Context jpa07's repository. */
public interface Item07Repository extends JpaRepository<Item07, Long> {
}
