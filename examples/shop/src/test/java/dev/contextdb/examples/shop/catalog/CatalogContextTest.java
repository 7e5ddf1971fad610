package dev.contextdb.examples.shop.catalog;

import static dev.contextdb.IsolationStrategy.DATABASE;
import static dev.contextdb.IsolationStrategy.SCHEMA;
import static dev.contextdb.IsolationStrategy.SHARED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.ContextDb;
import dev.contextdb.Placement;
import dev.contextdb.test.ContextDbTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The catalogue alone, on embedded H2, under each strategy: its migrations and its service, nothing
 * of inventory or orders; every method rolled back on catalog's transaction manager.
 */
@ContextDbTest(value = "catalog", strategy = {SHARED, SCHEMA, DATABASE})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogContextTest {

    @Autowired Catalog catalog;
    @Autowired JdbcClient jdbc;            // catalogJdbcClient: the test is in catalog's package
    @Autowired ContextDb contextDb;

    @Test
    @Order(1)
    void startsCatalogAlone() {
        assertThat(contextDb.placements()).extracting(Placement::context).containsExactly("catalog");
        assertThat(catalog.products()).extracting(Product::name).containsExactly("Teapot", "Kettle", "Cup");
    }

    @Test
    @Order(2)
    void addsAProductThatIsRolledBack() {
        jdbc.sql("insert into product (id, name, price_cents) values (4, 'Saucer', 300)").update();
        assertThat(catalog.product(4)).map(Product::name).contains("Saucer");
    }

    @Test
    @Order(3)
    void findsTheMigratedProductsOnly() {
        assertThat(catalog.products()).hasSize(3);
    }
}
