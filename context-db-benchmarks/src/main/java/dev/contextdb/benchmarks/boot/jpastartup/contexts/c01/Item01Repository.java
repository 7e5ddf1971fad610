package dev.contextdb.benchmarks.boot.jpastartup.contexts.c01;

import org.springframework.data.jpa.repository.JpaRepository;

/** Context jpa01's repository. */
public interface Item01Repository extends JpaRepository<Item01, Long> {
}
