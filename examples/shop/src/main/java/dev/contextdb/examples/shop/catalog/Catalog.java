package dev.contextdb.examples.shop.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalogue's application service: what other contexts may call. {@code @Transactional}
 * without a qualifier runs in catalog's own transaction manager (a JPA one, as catalog has
 * entities). It hands out {@link Product} records, never its entities.
 */
@Service
public class Catalog {

    private final Products products;

    Catalog(Products products) {
        this.products = products;
    }

    @Transactional(readOnly = true)
    public List<Product> products() {
        return products.findAll(Sort.by("id")).stream().map(CatalogEntry::toProduct).toList();
    }

    @Transactional(readOnly = true)
    public Optional<Product> product(long id) {
        return products.findById(id).map(CatalogEntry::toProduct);
    }
}
