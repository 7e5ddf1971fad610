package dev.contextdb.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.Pooling;
import dev.contextdb.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What a borrow of the shared pool costs in round trips to PostgreSQL, counted on the driver's
 * socket ({@link RoundTripCounter}), exact where timings on this machine swing: a borrow that
 * runs one statement costs that statement alone while nothing moves, one more when the context
 * changes, and three more when the borrower moves the connection itself (note where it is, the
 * move, put it back).
 */
class SharedPoolRoundTripsTest {

    private static final int BORROWS = 50;

    @Test
    void aBorrowCostsNoRoundTripBeyondItsOwnWorkWhileNothingMoves() throws SQLException {
        TestDatabase.postgres().close(); // fails under CI=true, skips otherwise, when PostgreSQL is down
        String counter = "shared-pool-" + System.nanoTime();
        String prefix = Postgres.uniquePrefix();
        ContextModel model = ContextModel.of(ContextDefinition.of("orders", "bench.orders"),
                ContextDefinition.of("catalog", "bench.catalog"));
        try (ContextDb db = ContextDb.builder(model).strategy(IsolationStrategy.SCHEMA).pooling(Pooling.SINGLE_POOL)
                .migrate(false).datasource(Postgres.withProperties(Postgres.URL,
                        "socketFactory=" + RoundTripCounter.class.getName(), "socketFactoryArg=" + counter),
                        Postgres.USER, Postgres.PASSWORD)
                .pool("maximumPoolSize", "1").pool("minimumIdle", "1")
                .context("orders", c -> c.schema(prefix + "orders"))
                .context("catalog", c -> c.schema(prefix + "catalog"))
                .build()) {
            AtomicLong roundTrips = RoundTripCounter.counter(counter);
            DataSource orders = db.dataSource("orders");
            DataSource catalog = db.dataSource("catalog");
            selectOne(orders); // the connection is on orders' schema from here on

            long before = roundTrips.get();
            for (int i = 0; i < BORROWS; i++) {
                selectOne(orders);
            }
            assertThat(roundTrips.get() - before).as("same context: the select alone").isEqualTo(BORROWS);

            before = roundTrips.get();
            for (int i = 0; i < BORROWS; i++) {
                selectOne(i % 2 == 0 ? catalog : orders);
            }
            assertThat(roundTrips.get() - before).as("alternating contexts: the select and one switch")
                    .isEqualTo(2L * BORROWS);

            before = roundTrips.get();
            try (Connection connection = orders.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SET search_path TO \"" + prefix + "catalog\"");
            }
            assertThat(roundTrips.get() - before).as("a borrower that moves its connection: the move, noting where"
                    + " it was and putting it back").isEqualTo(3);
            before = roundTrips.get();
            selectOne(orders);
            assertThat(roundTrips.get() - before).as("the next borrower of the same context: no switch").isEqualTo(1);
        } finally {
            Postgres.execute("drop schema if exists " + prefix + "orders cascade");
            Postgres.execute("drop schema if exists " + prefix + "catalog cascade");
        }
    }

    private static void selectOne(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select 1")) {
            row.next();
        }
    }
}
