package dev.contextdb.benchmarks.boot.jpastartup.contexts.c06;

import org.springframework.data.jpa.repository.JpaRepository;

/** Context jpa06's repository. */
public interface Item06Repository extends JpaRepository<Item06, Long> {
}
