package dev.contextdb.test.app.inventory;

import static dev.contextdb.IsolationStrategy.DATABASE;
import static dev.contextdb.IsolationStrategy.SCHEMA;
import static dev.contextdb.IsolationStrategy.SHARED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.ContextDb;
import dev.contextdb.Placement;
import dev.contextdb.test.ContextDbTest;
import dev.contextdb.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.Commit;

/** The JdbcClient context on MariaDB under each strategy: databases of the run's own, rollback, {@code @Commit}. */
@ContextDbTest(value = "inventory", strategy = {SHARED, SCHEMA, DATABASE}, properties = {
        "context-db.datasource.url=${CONTEXTDB_MARIADB_URL:jdbc:mariadb://127.0.0.1:3306/test}",
        "context-db.datasource.username=${CONTEXTDB_MARIADB_USER:root}",
        "context-db.datasource.password=${CONTEXTDB_MARIADB_PASSWORD:}"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InventoryOnMariaDbTest {

    @Autowired ContextDb contextDb;
    @Autowired StockLevels stock;
    @Autowired JdbcClient jdbc;

    @BeforeAll
    static void mariadb() {
        TestDatabase.mariadb().close();
    }

    @Test
    @Order(1)
    void runsInADatabaseOfTheRunsOwn() {
        Placement inventory = contextDb.placement("inventory");
        String database = jdbc.sql("select database()").query(String.class).single();
        assertThat(database).matches((inventory.strategy() == SHARED ? "contextdb" : "inventory") + "_t[a-z0-9]{7}");
        assertThat(jdbc.sql("select table_name from information_schema.tables where table_schema = ? order by 1")
                .param(database).query(String.class).list())
                .containsExactly(inventory.strategy() == SHARED ? "flyway_schema_history_inventory"
                        : "flyway_schema_history", "stock");
    }

    @Test
    @Order(2)
    void writesAndIsRolledBack() {
        stock.receive("tea", 5);
        assertThat(stock.count()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void seesNoRowOfTheRolledBackMethod() {
        assertThat(stock.count()).isZero();
    }

    @Test
    @Order(4)
    @Commit
    void commitsWhenTheTestSaysSo() {
        stock.receive("coffee", 3);
    }

    @Test
    @Order(5)
    void seesTheCommittedRow() {
        assertThat(stock.count()).isEqualTo(1);
    }
}
