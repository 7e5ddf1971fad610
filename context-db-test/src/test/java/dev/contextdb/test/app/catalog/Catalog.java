package dev.contextdb.test.app.catalog;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Catalog's application service: a component of catalog. */
@Service
public class Catalog {

    private final Products products;

    Catalog(Products products) {
        this.products = products;
    }

    @Transactional
    public Product add(String sku, String name) {
        return products.save(new Product(sku, name));
    }
}
