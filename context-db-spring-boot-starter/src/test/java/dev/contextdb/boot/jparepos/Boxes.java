package dev.contextdb.boot.jparepos;

import dev.contextdb.boot.jparepos.owner.Box;
import org.springframework.data.jpa.repository.JpaRepository;

/** A repository in no context's packages. */
public interface Boxes extends JpaRepository<Box, Long> {
}
