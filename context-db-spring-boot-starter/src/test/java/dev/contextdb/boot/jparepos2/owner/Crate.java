package dev.contextdb.boot.jparepos2.owner;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** Context owner's entity. */
@Entity
public class Crate {

    @Id
    private Long id;
}
