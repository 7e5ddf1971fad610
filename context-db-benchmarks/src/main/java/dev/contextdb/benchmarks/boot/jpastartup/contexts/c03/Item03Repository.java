package dev.contextdb.benchmarks.boot.jpastartup.contexts.c03;

import org.springframework.data.jpa.repository.JpaRepository;

/** Context jpa03's repository. */
public interface Item03Repository extends JpaRepository<Item03, Long> {
}
