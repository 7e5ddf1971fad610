package dev.contextdb.test.app.catalog;

import static dev.contextdb.IsolationStrategy.DATABASE;
import static dev.contextdb.IsolationStrategy.SCHEMA;
import static dev.contextdb.IsolationStrategy.SHARED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.ContextDb;
import dev.contextdb.Placement;
import dev.contextdb.test.ContextDbTest;
import dev.contextdb.test.app.inventory.StockLevels;
import dev.contextdb.test.app.orders.OrderDesk;
import jakarta.persistence.EntityManager;
import dev.contextdb.IsolationStrategy;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.transaction.TestTransaction;

/**
 * The JPA context on embedded H2 (nothing configured), under each strategy: only catalog's beans
 * and migrations, each method rolled back on catalog's transaction manager.
 */
@ContextDbTest(value = "catalog", strategy = {SHARED, SCHEMA, DATABASE})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogContextTest {

    /** The strategies of the runs so far: each run starts a context of its own, placed by its strategy. */
    private static final Set<IsolationStrategy> RUNS = EnumSet.noneOf(IsolationStrategy.class);

    @Autowired ApplicationContext application;
    @Autowired ContextDb contextDb;
    @Autowired Catalog catalog;
    @Autowired Products products;
    @Autowired EntityManager entityManager;
    @Autowired JdbcClient jdbc;

    @Test
    @Order(1)
    void holdsCatalogAloneWithItsMigrations() {
        assertThat(RUNS.add(contextDb.placement("catalog").strategy())).as("a new placement per run").isTrue();
        assertThat(contextDb.placements()).extracting(Placement::context).containsExactly("catalog");
        assertThat(contextDb.migrations()).containsOnlyKeys("catalog");
        assertThat(application.containsBean("catalogDataSource")).isTrue();
        assertThat(application.containsBean("catalogEntityManagerFactory")).isTrue();
        assertThat(application.containsBean("ordersDataSource")).isFalse();
        assertThat(application.containsBean("inventoryDataSource")).isFalse();
        assertThat(application.getBeanNamesForType(OrderDesk.class)).isEmpty();
        assertThat(application.getBeanNamesForType(StockLevels.class)).isEmpty();
    }

    @Test
    @Order(2)
    void writesInATransactionOfCatalogThatIsRolledBack() {
        assertThat(TestTransaction.isActive()).isTrue();
        catalog.add("coffee", "Dark roast");
        entityManager.flush();
        // JdbcClient of catalog sees the JPA write: the same transaction, catalog's.
        long count = jdbc.sql("select count(*) from product").query(Long.class).single();
        assertThat(count).isEqualTo(2);
    }

    @Test
    @Order(3)
    void findsTheRowsOfTheMigrationOnly() {
        assertThat(products.findAll()).extracting(Product::getSku).containsExactly("tea");
    }
}
