package dev.contextdb.examples.shop.catalog;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The catalogue's repository, Spring Data JPA. No {@code @EnableJpaRepositories} anywhere: being
 * in catalog's package binds it to catalog's entity manager factory and transaction manager.
 */
interface Products extends JpaRepository<CatalogEntry, Long> {
}
