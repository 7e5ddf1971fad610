package dev.contextdb.boot.datajdbc.catalog;

import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;

/** Catalog's repository. */
public interface Products extends ListCrudRepository<Product, Long>, ListPagingAndSortingRepository<Product, Long> {
}
