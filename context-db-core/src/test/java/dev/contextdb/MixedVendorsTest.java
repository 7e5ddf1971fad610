package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.test.TestDatabase;
import org.junit.jupiter.api.Test;

/** DATABASE with each context on another vendor: orders on PostgreSQL, catalog on MariaDB, inventory on H2. */
class MixedVendorsTest {

    @Test
    void eachContextOnItsOwnVendor() {
        ContextModel shop = ContextModel.scan("dev.contextdb.fixtures.shop");
        try (TestDatabase postgres = TestDatabase.postgres(); TestDatabase mariadb = TestDatabase.mariadb();
                TestDatabase h2 = TestDatabase.h2()) {
            String orders = postgres.createDatabase("orders");
            String catalog = mariadb.createDatabase("catalog");
            String inventory = h2.createDatabase("inventory");
            try (ContextDb db = ContextDb.builder(shop).strategy(IsolationStrategy.DATABASE)
                    .pool("maximumPoolSize", "2")
                    .context("orders", c -> c.datasource(postgres.urlOf(orders), postgres.username(), postgres.password()))
                    .context("catalog", c -> c.datasource(mariadb.urlOf(catalog), mariadb.username(), mariadb.password()))
                    .context("inventory", c -> c.datasource(h2.urlOf(inventory), h2.username(), h2.password()))
                    .build()) {
                ShopFlow.exercise(db);

                assertThat(db.placements()).extracting(Placement::vendor)
                        .containsExactly(DatabaseVendor.MARIADB, DatabaseVendor.H2, DatabaseVendor.POSTGRESQL);
                assertThat(postgres.tablesInDatabase(orders)).containsExactly("flyway_schema_history", "purchase_order");
                assertThat(mariadb.tablesInDatabase(catalog)).containsExactly("flyway_schema_history", "product");
                assertThat(h2.tablesInDatabase(inventory)).containsExactly("flyway_schema_history", "stock");
                assertThat(postgres.queryStringsIn(orders, "select id from purchase_order")).containsExactly("101");
                assertThat(mariadb.queryStringsIn(catalog, "select name from product order by id"))
                        .containsExactly("teapot", "kettle");
                assertThat(h2.queryStringsIn(inventory, "select quantity from stock order by product_id"))
                        .containsExactly("7", "3");
            }
        }
    }
}
