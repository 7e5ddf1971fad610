package dev.contextdb.examples.shop.catalog;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A product as the catalogue stores it: a JPA entity of catalog's own persistence unit. It names
 * no schema (the strategy places table {@code product}) and stays inside the context: other
 * contexts get the {@link Product} record from {@link Catalog}, never the managed entity.
 */
@Entity
@Table(name = "product")
class CatalogEntry {

    @Id
    private Long id;

    private String name;

    private long priceCents;

    protected CatalogEntry() {
    }

    Product toProduct() {
        return new Product(id, name, priceCents);
    }
}
