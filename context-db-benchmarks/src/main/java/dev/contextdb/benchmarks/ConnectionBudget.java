package dev.contextdb.benchmarks;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.Pooling;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Why {@code pooling: shared} exists: 100 contexts, each with two requests in flight. A pool per
 * context (of 2) then holds 200 connections, twice PostgreSQL's default {@code max_connections=100};
 * one shared pool of 10 serves the same requests. Prints what happens with each.
 */
public final class ConnectionBudget {

    private ConnectionBudget() {
    }

    public static void main(String[] args) throws SQLException {
        for (Pooling pooling : new Pooling[] {Pooling.PER_CONTEXT, Pooling.SINGLE_POOL}) {
            System.out.println(pooling + ": " + attempt(pooling));
        }
    }

    static String attempt(Pooling pooling) throws SQLException {
        String prefix = Postgres.uniquePrefix();
        List<ContextDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            definitions.add(ContextDefinition.of(String.format("c%03d", i), "bench.c" + i));
        }
        ContextDb.Builder builder = ContextDb.builder(ContextModel.of(definitions)).strategy(IsolationStrategy.SCHEMA)
                .pooling(pooling).migrate(false).datasource(Postgres.URL, Postgres.USER, Postgres.PASSWORD)
                .pool("minimumIdle", "1").pool("maximumPoolSize", pooling == Pooling.SINGLE_POOL ? "10" : "2")
                .pool("connectionTimeout", "2000").pool("initializationFailTimeout", "2000");
        definitions.forEach(d -> builder.context(d.name(), c -> c.schema(prefix + d.name())));
        List<Connection> held = new ArrayList<>();
        int served = 0;
        try (ContextDb db = builder.build()) {
            for (ContextDefinition context : definitions) {
                for (int request = 0; request < 2; request++) {
                    Connection connection = db.dataSource(context.name()).getConnection();
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("select 1");
                    }
                    served++;
                    if (pooling == Pooling.PER_CONTEXT) {
                        held.add(connection); // its pool keeps it for the context's requests
                    } else {
                        connection.close();
                    }
                }
            }
            return "all " + served + " requests of 100 contexts served by " + db.pools().size() + " pool(s)";
        } catch (SQLException | RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return served + " request(s) served, then: " + root.getMessage().lines().findFirst().orElse("");
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
            for (ContextDefinition definition : definitions) {
                Postgres.execute("drop schema if exists " + prefix + definition.name() + " cascade");
            }
        }
    }
}
