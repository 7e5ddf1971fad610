package dev.contextdb.benchmarks.boot.jpastartup.contexts.c05;

import org.springframework.data.jpa.repository.JpaRepository;

/** Context jpa05's repository. */
public interface Item05Repository extends JpaRepository<Item05, Long> {
}
