package com.example.consumer.shipping;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class Shipping {

    private final Shipments shipments;

    @PersistenceContext
    private EntityManager entityManager;

    Shipping(Shipments shipments) {
        this.shipments = shipments;
    }

    @Transactional
    public long ship(String destination) {
        return shipments.save(new Shipment(destination)).getId();
    }

    /** Through the unqualified EntityManager: shipping's own. */
    @Transactional(readOnly = true)
    public String destinationOf(long id) {
        return entityManager.find(Shipment.class, id).getDestination();
    }

    @Transactional(readOnly = true)
    public int countTo(String destination) {
        return shipments.findByDestination(destination).size();
    }
}
