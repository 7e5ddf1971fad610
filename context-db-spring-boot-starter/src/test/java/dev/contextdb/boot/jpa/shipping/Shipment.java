package dev.contextdb.boot.jpa.shipping;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** An entity with an identity column. */
@Entity
public class Shipment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String destination;

    protected Shipment() {
    }

    public Shipment(String destination) {
        this.destination = destination;
    }

    public Long getId() {
        return id;
    }

    public String getDestination() {
        return destination;
    }
}
