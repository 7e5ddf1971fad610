package dev.contextdb.test.app.inventory;

import static dev.contextdb.IsolationStrategy.DATABASE;
import static dev.contextdb.IsolationStrategy.SCHEMA;
import static dev.contextdb.IsolationStrategy.SHARED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.ContextDb;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.Placement;
import dev.contextdb.test.ContextDbTest;
import dev.contextdb.test.TestDatabase;
import dev.contextdb.test.app.catalog.Catalog;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.Commit;
import org.springframework.test.context.transaction.TestTransaction;

/**
 * The JdbcClient context on PostgreSQL under each strategy: the schemas and tables that exist are
 * inventory's alone, each method is rolled back on inventory's transaction manager, {@code @Commit}
 * commits.
 */
@ContextDbTest(value = "inventory", strategy = {SHARED, SCHEMA, DATABASE}, properties = {
        "context-db.datasource.url=${CONTEXTDB_POSTGRES_URL:jdbc:postgresql://127.0.0.1:5432/test}",
        "context-db.datasource.username=${CONTEXTDB_POSTGRES_USER:postgres}",
        "context-db.datasource.password=${CONTEXTDB_POSTGRES_PASSWORD:}"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InventoryOnPostgresTest {

    @Autowired ApplicationContext application;
    @Autowired ContextDb contextDb;
    @Autowired StockLevels stock;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;

    @BeforeAll
    static void postgres() {
        TestDatabase.postgres().close();   // skipped (failed under CI=true) when PostgreSQL is down
    }

    @Test
    @Order(1)
    void placesInventoryAloneUnderNamesOfTheRun() {
        Placement placement = contextDb.placement("inventory");
        assertThat(contextDb.placements()).extracting(Placement::context).containsExactly("inventory");
        assertThat(application.containsBean("catalogDataSource")).isFalse();
        assertThat(application.containsBean("ordersDataSource")).isFalse();
        assertThat(application.getBeanNamesForType(Catalog.class)).isEmpty();
        String currentSchema = jdbc.sql("select current_schema()").query(String.class).single();
        String database = jdbc.sql("select current_database()").query(String.class).single();
        List<String> tables = jdbc.sql("select table_name from information_schema.tables where table_schema = ?"
                + " order by table_name").param(currentSchema).query(String.class).list();
        IsolationStrategy strategy = placement.strategy();
        switch (strategy) {
            case SHARED -> {
                // The shared schema is the run's own: only inventory's table and history are in it.
                assertThat(currentSchema).matches("contextdb_t[a-z0-9]{7}");
                assertThat(tables).containsExactly("flyway_schema_history_inventory", "stock");
            }
            case SCHEMA -> {
                assertThat(currentSchema).isEqualTo(placement.schema()).matches("inventory_t[a-z0-9]{7}");
                String suffix = currentSchema.substring("inventory".length());
                // The shared schema of the run holds nothing: no other context migrated.
                assertThat(jdbc.sql("select count(*) from information_schema.tables where table_schema = ?")
                        .param("contextdb" + suffix).query(Long.class).single()).isZero();
                assertThat(tables).containsExactly("flyway_schema_history", "stock");
            }
            case DATABASE -> {
                assertThat(database).matches("inventory_t[a-z0-9]{7}");
                assertThat(tables).containsExactly("flyway_schema_history", "stock");
            }
        }
    }

    @Test
    @Order(2)
    void writesInATransactionOfInventoryThatIsRolledBack() {
        assertThat(TestTransaction.isActive()).isTrue();
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
