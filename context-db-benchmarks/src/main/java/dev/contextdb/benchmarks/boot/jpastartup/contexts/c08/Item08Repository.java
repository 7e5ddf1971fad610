package dev.contextdb.benchmarks.boot.jpastartup.contexts.c08;

import org.springframework.data.jpa.repository.JpaRepository;

/** Context jpa08's repository. */
public interface Item08Repository extends JpaRepository<Item08, Long> {
}
