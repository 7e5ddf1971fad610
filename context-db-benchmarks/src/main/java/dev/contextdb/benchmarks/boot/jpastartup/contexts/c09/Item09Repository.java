package dev.contextdb.benchmarks.boot.jpastartup.contexts.c09;

import org.springframework.data.jpa.repository.JpaRepository;

/** Context jpa09's repository. */
public interface Item09Repository extends JpaRepository<Item09, Long> {
}
