package dev.contextdb.demo;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextModel;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.Placement;
import dev.contextdb.Pooling;
import dev.contextdb.demo.catalog.Products;
import dev.contextdb.demo.inventory.Stock;
import dev.contextdb.demo.orders.OrderBook;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the same three contexts (catalog, inventory, orders) under each strategy on embedded H2
 * and prints, from H2's own catalog, where each context's tables, rows and migration history
 * landed. No server needed.
 */
public final class StrategiesDemo {

    private StrategiesDemo() {
    }

    public static void main(String[] args) throws SQLException {
        ContextModel model = ContextModel.scan("dev.contextdb.demo");
        System.out.println("Contexts found by scanning dev.contextdb.demo: " + model.names());
        System.out.println("The same context code runs below under every strategy; only the configuration differs.");

        run("SHARED: one database, one schema; each context keeps its own migration history",
                ContextDb.builder(model).strategy(IsolationStrategy.SHARED)
                        .datasource("jdbc:h2:mem:demo_shared;DB_CLOSE_DELAY=-1", "sa", ""));
        run("SCHEMA: one database, a schema per context, a pool per context",
                ContextDb.builder(model).strategy(IsolationStrategy.SCHEMA)
                        .datasource("jdbc:h2:mem:demo_schema;DB_CLOSE_DELAY=-1", "sa", ""));
        run("SCHEMA with pooling=single-pool: one pool, connections switched to the borrower's schema",
                ContextDb.builder(model).strategy(IsolationStrategy.SCHEMA).pooling(Pooling.SINGLE_POOL)
                        .datasource("jdbc:h2:mem:demo_schema_pooled;DB_CLOSE_DELAY=-1", "sa", ""));
        ContextDb.Builder perDatabase = ContextDb.builder(model).strategy(IsolationStrategy.DATABASE);
        for (String context : model.names()) {
            perDatabase.context(context, settings -> settings
                    .datasource("jdbc:h2:mem:demo_" + context + ";DB_CLOSE_DELAY=-1", "sa", ""));
        }
        run("DATABASE: a database per context", perDatabase);
    }

    private static void run(String title, ContextDb.Builder builder) throws SQLException {
        System.out.println();
        System.out.println("== " + title);
        try (ContextDb db = builder.pool("maximumPoolSize", "2").build()) {
            for (Placement placement : db.placements()) {
                System.out.println("   " + placement.describe());
            }
            work(db);
            Set<String> databases = new LinkedHashSet<>();
            for (Placement placement : db.placements()) {
                databases.add(placement.url());
            }
            for (String url : databases) {
                System.out.println("   what " + url + " holds (from its INFORMATION_SCHEMA):");
                for (String line : contents(url)) {
                    System.out.println("      " + line);
                }
            }
        }
    }

    /** The use case: the same code whatever the strategy. */
    private static void work(ContextDb db) {
        Products products = new Products(db.dataSource("catalog"));
        Stock stock = new Stock(db.dataSource("inventory"));
        OrderBook orders = new OrderBook(db.dataSource("orders"));
        TransactionTemplate inCatalog = new TransactionTemplate(db.transactionManager("catalog"));
        TransactionTemplate inInventory = new TransactionTemplate(db.transactionManager("inventory"));
        TransactionTemplate inOrders = new TransactionTemplate(db.transactionManager("orders"));

        inCatalog.executeWithoutResult(tx -> {
            products.add(1, "teapot", 2_500);
            products.add(2, "kettle", 4_000);
        });
        inInventory.executeWithoutResult(tx -> {
            stock.receive(1, 10);
            stock.receive(2, 3);
        });
        inOrders.executeWithoutResult(tx -> {
            orders.record(100, 1, 2);
            inInventory.executeWithoutResult(inner -> stock.reserve(1, 2));
        });
        try {
            inOrders.executeWithoutResult(tx -> {
                orders.record(101, 2, 1);
                inInventory.executeWithoutResult(inner -> stock.reserve(2, 1));
                throw new IllegalStateException("payment declined");
            });
        } catch (IllegalStateException expected) {
            System.out.println("   order 101 failed (" + expected.getMessage() + "): orders rolled back;"
                    + " inventory's reservation, committed in its own transaction, stays");
        }
    }

    private static List<String> contents(String url) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet tables = statement.executeQuery("select table_schema, table_name from information_schema.tables"
                        + " where table_schema <> 'INFORMATION_SCHEMA' order by table_schema, table_name")) {
            List<String[]> names = new ArrayList<>();
            while (tables.next()) {
                names.add(new String[] {tables.getString(1), tables.getString(2)});
            }
            for (String[] name : names) {
                String qualified = '"' + name[0] + "\".\"" + name[1] + '"';
                try (Statement count = connection.createStatement();
                        ResultSet rows = count.executeQuery(name[1].startsWith("flyway_schema_history")
                                ? "select count(*), max(\"version\") from " + qualified + " where \"success\""
                                : "select count(*), null from " + qualified)) {
                    rows.next();
                    String what = name[1].startsWith("flyway_schema_history")
                            ? "migration history, at version " + rows.getString(2)
                            : rows.getLong(1) + (rows.getLong(1) == 1 ? " row" : " rows");
                    lines.add(String.format("%-45s %s", name[0] + "." + name[1], what));
                }
            }
        }
        return lines;
    }
}
