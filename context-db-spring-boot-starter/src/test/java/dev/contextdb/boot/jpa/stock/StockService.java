package dev.contextdb.boot.jpa.stock;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Stock: a repository and a @PersistenceContext EntityManager. */
@Service
public class StockService {

    private final ItemRepository items;

    @PersistenceContext
    private EntityManager entityManager;

    public StockService(ItemRepository items) {
        this.items = items;
    }

    @Transactional
    public long add(String name, int quantity) {
        return items.save(new Item(name, quantity)).getId();
    }

    @Transactional
    public long addThenFail(String name) {
        long id = add(name, 1);
        entityManager.flush();
        throw new IllegalStateException("item " + id + " failed");
    }

    public long count() {
        return items.count();
    }

    public EntityManager entityManager() {
        return entityManager;
    }

    public ItemRepository items() {
        return items;
    }
}
