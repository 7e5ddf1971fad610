package dev.contextdb.benchmarks.boot.jpastartup.contexts.c02;

import org.springframework.data.jpa.repository.JpaRepository;

/** Context jpa02's repository. */
public interface Item02Repository extends JpaRepository<Item02, Long> {
}
