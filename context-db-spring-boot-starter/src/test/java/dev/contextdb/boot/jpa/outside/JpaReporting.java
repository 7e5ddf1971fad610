package dev.contextdb.boot.jpa.outside;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.springframework.stereotype.Component;

/** Outside every context: the routing EntityManager, by constructor and by @PersistenceContext. */
@Component
public class JpaReporting {

    public final EntityManager constructorEntityManager;

    @PersistenceContext
    public EntityManager entityManager;

    public JpaReporting(EntityManager constructorEntityManager) {
        this.constructorEntityManager = constructorEntityManager;
    }

    public long shipments() {
        return entityManager.createQuery("select count(s) from Shipment s", Long.class).getSingleResult();
    }
}
