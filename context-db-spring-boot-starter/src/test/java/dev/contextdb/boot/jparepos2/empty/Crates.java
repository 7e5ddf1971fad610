package dev.contextdb.boot.jparepos2.empty;

import dev.contextdb.boot.jparepos2.owner.Crate;
import org.springframework.data.jpa.repository.JpaRepository;

/** A repository in a context without entities. */
public interface Crates extends JpaRepository<Crate, Long> {
}
