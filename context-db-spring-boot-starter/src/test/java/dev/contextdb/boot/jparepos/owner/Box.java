package dev.contextdb.boot.jparepos.owner;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** Context owner's entity. */
@Entity
public class Box {

    @Id
    private Long id;
}
