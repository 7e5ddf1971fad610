package dev.contextdb.test.app.catalog;

import org.springframework.data.jpa.repository.JpaRepository;

public interface Products extends JpaRepository<Product, String> {
}
