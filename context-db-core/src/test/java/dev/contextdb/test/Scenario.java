package dev.contextdb.test;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextModel;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.Pooling;
import dev.contextdb.test.TestDatabase.Kind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One strategy on one vendor, set up with unique names: the shared schema, a schema or a database
 * per context, all dropped when the scenario closes.
 */
public final class Scenario implements AutoCloseable {

    private final Kind kind;
    private final IsolationStrategy strategy;
    private final Pooling pooling;
    private final TestDatabase database;
    /** Under SHARED: the shared schema (MariaDB: database). */
    private String sharedSchema;
    /** Under SCHEMA: each context's schema; under DATABASE: each context's database. */
    private final Map<String, String> places = new LinkedHashMap<>();

    public Scenario(Kind kind, IsolationStrategy strategy, Pooling pooling) {
        this.kind = kind;
        this.strategy = strategy;
        this.pooling = pooling;
        this.database = TestDatabase.of(kind);
    }

    public Kind kind() {
        return kind;
    }

    public IsolationStrategy strategy() {
        return strategy;
    }

    public TestDatabase database() {
        return database;
    }

    public String sharedSchema() {
        return sharedSchema;
    }

    /** @return the context's schema (SCHEMA) or database (DATABASE) */
    public String placeOf(String context) {
        return places.get(context);
    }

    /** A builder for the model's contexts under this scenario, with small pools, in places made for it. */
    public ContextDb.Builder builder(ContextModel model) {
        switch (strategy) {
            case SCHEMA -> model.names().forEach(context -> {
                String schema = TestDatabase.uniqueName(context);
                database.dropSchemaLater(schema);
                places.put(context, schema);
            });
            case SHARED -> sharedSchema = kind == Kind.H2 ? "public" : database.createSchema("shared");
            case DATABASE -> model.names().forEach(context -> places.put(context, database.createDatabase(context)));
        }
        return restart(model);
    }

    /**
     * A builder for the same contexts in the places the last {@link #builder} chose: the same
     * application started again, perhaps with its contexts' declarations changed.
     */
    public ContextDb.Builder restart(ContextModel model) {
        ContextDb.Builder builder = ContextDb.builder(model).strategy(strategy).pooling(pooling)
                .pool("maximumPoolSize", "3").pool("minimumIdle", "1");
        switch (strategy) {
            case SCHEMA -> {
                builder.datasource(database.url(), database.username(), database.password());
                model.names().forEach(context -> builder.context(context, settings -> settings.schema(places.get(context))));
            }
            case SHARED -> builder.datasource(kind == Kind.H2 ? database.url() : database.urlWithDefaultSchema(sharedSchema),
                    database.username(), database.password());
            case DATABASE -> model.names().forEach(context -> builder.context(context, settings -> settings.datasource(
                    database.urlOf(places.get(context)), database.username(), database.password())));
        }
        return builder;
    }

    /** @return {@code table} qualified with the context's schema, for the admin connection */
    public String qualified(String context, String table) {
        return switch (strategy) {
            case SCHEMA -> quote(places.get(context)) + "." + table;
            case SHARED -> kind == Kind.H2 ? table : sharedSchema + "." + table;
            case DATABASE -> table;
        };
    }

    /** @return the rows of a single-column query run where the context's data lives */
    public java.util.List<String> query(String context, String sql) {
        return strategy == IsolationStrategy.DATABASE ? database.queryStringsIn(places.get(context), sql)
                : database.queryStrings(sql);
    }

    /** @return the lower-cased base tables where the context's data lives */
    public java.util.List<String> tablesOf(String context) {
        return switch (strategy) {
            case SCHEMA -> database.tablesIn(places.get(context));
            case SHARED -> database.tablesIn(sharedSchema);
            case DATABASE -> database.tablesInDatabase(places.get(context));
        };
    }

    private String quote(String schema) {
        return kind == Kind.H2 ? "\"" + schema + "\"" : schema;
    }

    @Override
    public void close() {
        database.close();
    }

    @Override
    public String toString() {
        return kind + " " + strategy + (strategy == IsolationStrategy.SCHEMA ? " " + pooling : "");
    }
}
