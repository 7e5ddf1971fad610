package dev.contextdb.benchmarks;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.Pooling;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Why {@code pooling: shared} exists: 100 contexts with a pool each need at least 100 connections
 * (one idle connection per pool), more than PostgreSQL's default {@code max_connections=100} leaves
 * to applications. Prints what happens with a pool per context and with one shared pool.
 */
public final class ConnectionBudget {

    private ConnectionBudget() {
    }

    public static void main(String[] args) throws SQLException {
        for (Pooling pooling : Pooling.values()) {
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
                .pool("minimumIdle", "1").pool("maximumPoolSize", pooling == Pooling.SHARED ? "10" : "2")
                .pool("connectionTimeout", "2000").pool("initializationFailTimeout", "2000");
        definitions.forEach(d -> builder.context(d.name(), c -> c.schema(prefix + d.name())));
        try (ContextDb db = builder.build()) {
            return "all 100 contexts started on " + db.pools().size() + " pool(s)";
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return "startup failed: " + root.getMessage();
        } finally {
            for (ContextDefinition definition : definitions) {
                Postgres.execute("drop schema if exists " + prefix + definition.name() + " cascade");
            }
        }
    }
}
