package dev.contextdb.boot.jpa.shipping;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Shipping: a repository, JdbcClient, constructor and @PersistenceContext EntityManagers, all unqualified. */
@Service
public class ShippingService {

    private final ShipmentRepository shipments;
    private final JdbcClient jdbc;
    private final EntityManager constructorEntityManager;
    private final EntityManagerFactory entityManagerFactory;

    @PersistenceContext
    private EntityManager entityManager;

    public ShippingService(ShipmentRepository shipments, JdbcClient jdbc, EntityManager constructorEntityManager,
            EntityManagerFactory entityManagerFactory) {
        this.shipments = shipments;
        this.jdbc = jdbc;
        this.constructorEntityManager = constructorEntityManager;
        this.entityManagerFactory = entityManagerFactory;
    }

    /** Saves through the repository and notes through JdbcClient in one transaction. */
    @Transactional
    public long ship(String destination) {
        Shipment shipment = shipments.saveAndFlush(new Shipment(destination));
        jdbc.sql("insert into shipment_note(shipment_id, note) values (?, ?)").param(shipment.getId())
                .param("shipped to " + destination).update();
        return shipment.getId();
    }

    /**
     * The same, then fails: the JDBC insert saw the JPA row (one connection), and both roll back.
     * @return never
     */
    @Transactional
    public long shipThenFail(String destination) {
        long id = ship(destination);
        long visible = jdbc.sql("select count(*) from shipment where id = ?").param(id).query(Long.class).single();
        throw new IllegalStateException("shipment " + id + " failed; visible to JDBC in the transaction: " + visible);
    }

    /** Persists through the @PersistenceContext EntityManager. */
    @Transactional
    public long shipWithEntityManager(String destination) {
        Shipment shipment = new Shipment(destination);
        entityManager.persist(shipment);
        entityManager.flush();
        return shipment.getId();
    }

    @Transactional(readOnly = true)
    public long countByDestination(String destination) {
        return shipments.findByDestination(destination).size();
    }

    public long notes() {
        return jdbc.sql("select count(*) from shipment_note").query(Long.class).single();
    }

    public EntityManager entityManager() {
        return entityManager;
    }

    public EntityManager constructorEntityManager() {
        return constructorEntityManager;
    }

    public EntityManagerFactory entityManagerFactory() {
        return entityManagerFactory;
    }

    public ShipmentRepository shipments() {
        return shipments;
    }
}
