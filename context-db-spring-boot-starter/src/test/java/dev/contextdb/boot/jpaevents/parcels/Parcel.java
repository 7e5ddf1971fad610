package dev.contextdb.boot.jpaevents.parcels;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** An entity with an assigned id and a unique label. */
@Entity
public class Parcel {

    @Id
    private Long id;

    private String label;

    protected Parcel() {
    }

    public Parcel(long id, String label) {
        this.id = id;
        this.label = label;
    }

    public Long getId() {
        return id;
    }

    public String getLabel() {
        return label;
    }
}
