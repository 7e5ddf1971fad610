package dev.contextdb.boot.jpaoutside;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** An entity in no context's packages. */
@Entity
public class Stray {

    @Id
    private Long id;
}
