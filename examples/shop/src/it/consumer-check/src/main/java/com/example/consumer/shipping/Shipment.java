package com.example.consumer.shipping;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;

/** A JPA entity, its id from a sequence in the context's own place. It names no schema. */
@Entity
public class Shipment {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "shipment_seq")
    @SequenceGenerator(name = "shipment_seq", sequenceName = "shipment_seq", allocationSize = 1)
    private Long id;

    private String destination;

    protected Shipment() {
    }

    Shipment(String destination) {
        this.destination = destination;
    }

    Long getId() {
        return id;
    }

    String getDestination() {
        return destination;
    }
}
