package dev.contextdb.boot.jpacross.buying;

import dev.contextdb.boot.jpacross.crm.Customer;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** Maps a relationship to another context's entity: what context-db rejects at start-up. */
@Entity
public class Purchase {

    @Id
    private Long id;

    @ManyToOne
    private Customer customer;
}
