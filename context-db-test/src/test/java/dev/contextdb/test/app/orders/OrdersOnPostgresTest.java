package dev.contextdb.test.app.orders;

import static dev.contextdb.IsolationStrategy.SCHEMA;
import static dev.contextdb.IsolationStrategy.SHARED;

import dev.contextdb.test.ContextDbTest;
import dev.contextdb.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;

/** {@link OrdersContextTest} on PostgreSQL. */
@ContextDbTest(value = "orders", strategy = {SHARED, SCHEMA}, properties = {
        "context-db.datasource.url=${CONTEXTDB_POSTGRES_URL:jdbc:postgresql://127.0.0.1:5432/test}",
        "context-db.datasource.username=${CONTEXTDB_POSTGRES_USER:postgres}",
        "context-db.datasource.password=${CONTEXTDB_POSTGRES_PASSWORD:}"})
class OrdersOnPostgresTest extends OrdersContextTest {

    @BeforeAll
    static void postgres() {
        TestDatabase.postgres().close();
    }
}
