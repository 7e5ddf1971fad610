package dev.contextdb.internal.move;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import dev.contextdb.ContextMove;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.Placement;
import dev.contextdb.internal.ContextMigrations;
import dev.contextdb.internal.events.EventSchema;
import dev.contextdb.internal.events.EventTables;
import dev.contextdb.test.TestDatabase;
import dev.contextdb.test.TestDatabase.Kind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Moving a context between SHARED and SCHEMA on one server, on PostgreSQL and MariaDB: its tables,
 * rows, identity, sequence, view, trigger, routine, history and event tables arrive; the other
 * context in the shared schema stays; the next start migrates nothing; a dry run and a blocked move
 * change nothing; an interrupted move finishes when run again.
 */
class SameServerMoveTest {

    private static final ContextModel MODEL = ContextModel.of(
            ContextDefinition.of("stock", "com.example.stock"),
            ContextDefinition.of("books", "com.example.books"));
    /** audit's table has a foreign key into stock's warehouse: stock cannot move. */
    private static final ContextModel TIED = ContextModel.of(
            ContextDefinition.of("stock", "com.example.stock"),
            ContextDefinition.of("audit", "com.example.audit", "stock"));

    @AfterEach
    void resetHooks() {
        SameServerMove.afterStep = step -> { };
        SameServerMove.drainTimeout = Duration.ofSeconds(30);
    }

    /** One server with a shared schema (MariaDB: database) where stock and its neighbours started. */
    private static final class World implements AutoCloseable {

        final Kind kind;
        final TestDatabase db;
        final String shared;
        final String target;
        final ContextModel model;
        final ContextDb.Builder builder;

        World(Kind kind, ContextModel model, boolean roles) {
            this(kind, model, roles, IsolationStrategy.SHARED);
        }

        /** @param stockStrategy where stock starts: SHARED, or SCHEMA in the target schema */
        World(Kind kind, ContextModel model, boolean roles, IsolationStrategy stockStrategy) {
            this.kind = kind;
            this.db = TestDatabase.of(kind);
            this.model = model;
            this.shared = db.createSchema("shared");
            this.target = TestDatabase.uniqueName("stock");
            db.dropSchemaLater(target);
            this.builder = ContextDb.builder(model).strategy(IsolationStrategy.SHARED)
                    .datasource(db.urlWithDefaultSchema(shared), db.username(), db.password())
                    .pool("maximumPoolSize", "3").pool("minimumIdle", "1").roles(roles);
            for (String context : model.names()) {
                builder.context(context, settings -> {
                    settings.migrationLocations("classpath:db/move/" + kind.name().toLowerCase(Locale.ROOT) + "/"
                            + context);
                    if (roles) {
                        String role = TestDatabase.uniqueName(context);
                        db.dropRoleLater(role);
                        settings.datasource(null, role, "secret");
                    }
                });
            }
            if (stockStrategy == IsolationStrategy.SCHEMA) {
                builder.context("stock", settings -> settings.strategy(IsolationStrategy.SCHEMA).schema(target));
            }
            try (ContextDb started = builder.build()) {
                // Stock publishes events: its event tables, as the event engine creates them.
                Placement placement = started.placement("stock");
                ContextMigrations.load(EventSchema.configure(placement, started.flyway("stock").orElseThrow(),
                        EventTables.of(placement), SameServerMoveTest.class.getClassLoader())).migrate();
            }
        }

        /** From SHARED, as the application started, whatever an earlier move of this test left in the builder. */
        ContextMove toSchema() {
            builder.context("stock", settings -> settings.strategy(null).schema(null));
            return ContextMove.of(builder, "stock", settings -> settings.strategy(IsolationStrategy.SCHEMA)
                    .schema(target));
        }

        ContextMove toShared() {
            return ContextMove.of(builder, "stock", settings -> settings.strategy(IsolationStrategy.SHARED).schema(null));
        }

        List<String> tables(String schema) {
            return db.tablesIn(schema);
        }

        /** Tables, views, routines and triggers of the shared and target schemas, and any scratch schema. */
        List<String> snapshot() {
            List<String> rows = new ArrayList<>();
            String in = "('" + shared + "', '" + target + "')";
            rows.addAll(db.queryStrings("select concat(table_schema, '.', table_name, ' ', table_type)"
                    + " from information_schema.tables where table_schema in " + in + " order by 1"));
            rows.addAll(db.queryStrings("select concat(routine_schema, '.', routine_name)"
                    + " from information_schema.routines where routine_schema in " + in + " order by 1"));
            rows.addAll(db.queryStrings("select concat(trigger_schema, '.', trigger_name)"
                    + " from information_schema.triggers where trigger_schema in " + in + " order by 1"));
            rows.addAll(db.queryStrings("select schema_name from information_schema.schemata"
                    + " where schema_name like 'cdb_scratch_%' or schema_name = '" + target + "'"));
            return rows;
        }

        @Override
        public void close() {
            db.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aContextMovesFromTheSharedSchemaToItsOwnAndBack(Kind kind) throws SQLException {
        try (World world = new World(kind, MODEL, false)) {
            // A grant made by hand on one of its tables moves with it.
            String reader = TestDatabase.uniqueName("reader");
            String grantee = kind == Kind.POSTGRESQL ? reader : "'" + reader + "'@'%'";
            world.db.execute(kind == Kind.POSTGRESQL ? "create role " + reader : "create user " + grantee);
            world.db.dropRoleLater(reader);
            world.db.execute("grant select on " + world.shared + ".warehouse to " + grantee);
            ContextMove move = world.toSchema();
            ContextMove.Plan plan = move.plan();
            assertThat(plan.blockers()).isEmpty();
            assertThat(plan.objects()).contains("table warehouse", "table stock_item", "view stock_level",
                    "sequence stock_batch_seq", "trigger stock_item_sku on table stock_item",
                    "migration history flyway_schema_history_stock", "event table cdb_outbox_stock",
                    "event table cdb_events_history_stock", "grant SELECT on warehouse to " + grantee);
            assertThat(plan.objects()).noneMatch(object -> object.contains("book_entry"));
            if (kind == Kind.POSTGRESQL) {
                assertThat(plan.objects()).contains("type stock_state", "function stock_upper_sku()");
            } else {
                assertThat(plan.objects()).contains("function stock_total").anyMatch(object -> object.startsWith(
                        "default of warehouse.label: nextval(`" + world.shared + "`.`stock_label_seq`)"));
            }
            // Parents first: the copy relies on it.
            assertThat(plan.objects().indexOf("table warehouse")).isLessThan(plan.objects().indexOf("table stock_item"));

            List<String> progress = new ArrayList<>();
            ContextMove.Report report = move.run(progress::add);

            assertThat(world.tables(world.target)).containsExactlyInAnyOrder("warehouse", "stock_item",
                    "flyway_schema_history", "cdb_outbox", "cdb_delivery", "cdb_inbox", "cdb_events_history");
            assertThat(world.tables(world.shared)).containsExactlyInAnyOrder("book_entry", "flyway_schema_history_books");
            assertThat(report.tables()).contains(new ContextMove.Table("stock_item", 3, "same table"));
            assertThat(grantsOn(world, "warehouse")).containsExactly(world.target + " " + grantee + " SELECT");
            assertThat(progress).anyMatch(line -> line.contains("must migrate nothing"));
            if (kind == Kind.POSTGRESQL) {
                // The delivery table's indexes carry the names a start under SCHEMA gives them.
                assertThat(world.db.queryStrings("select indexname from pg_indexes where schemaname = '" + world.target
                        + "' and tablename = 'cdb_delivery' order by 1")).containsExactly("cdb_delivery_due",
                                "cdb_delivery_event", "cdb_delivery_key", "cdb_delivery_pkey");
            }

            // The target configuration (the builder now says SCHEMA for stock) starts clean and keeps counting.
            try (ContextDb db = world.builder.build()) {
                assertThat(db.migrations().get("stock").applied()).isZero();
                assertThat(db.placement("stock").schema()).isEqualTo(world.target);
                assertStockWorks(kind, db, 4, 2);
                assertEventTablesValidate(db, 0);
            }

            ContextMove back = world.toShared();
            assertThat(back.plan().blockers()).isEmpty();
            back.run(line -> { });
            assertThat(world.tables(world.shared)).containsExactlyInAnyOrder("book_entry", "flyway_schema_history_books",
                    "warehouse", "stock_item", "flyway_schema_history_stock", "cdb_outbox_stock", "cdb_delivery_stock",
                    "cdb_inbox_stock", "cdb_events_history_stock");
            assertThat(world.db.queryStrings("select schema_name from information_schema.schemata where schema_name = '"
                    + world.target + "'")).as("the emptied schema is dropped").isEmpty();
            assertThat(grantsOn(world, "warehouse")).containsExactly(world.shared + " " + grantee + " SELECT");
            try (ContextDb db = world.builder.build()) {
                assertThat(db.migrations().get("stock").applied()).isZero();
                assertThat(db.migrations().get("books").applied()).isZero();
                assertStockWorks(kind, db, 5, 3);
                assertEventTablesValidate(db, 0);
                assertThat(query(db.dataSource("books"), "select text from book_entry")).isEqualTo("kept");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aContextThatStartedInItsOwnSchemaMovesIntoTheSharedOne(Kind kind) throws SQLException {
        // Its history begins with Flyway's record of creating the schema, not with a SHARED baseline.
        try (World world = new World(kind, MODEL, false, IsolationStrategy.SCHEMA)) {
            ContextMove move = world.toShared();
            assertThat(move.plan().blockers()).isEmpty();
            move.run(line -> { });
            assertThat(world.tables(world.shared)).containsExactlyInAnyOrder("book_entry", "flyway_schema_history_books",
                    "warehouse", "stock_item", "flyway_schema_history_stock", "cdb_outbox_stock", "cdb_delivery_stock",
                    "cdb_inbox_stock", "cdb_events_history_stock");
            try (ContextDb db = world.builder.build()) {
                assertThat(db.migrations().get("stock").applied()).isZero();
                assertStockWorks(kind, db, 4, 2);
                assertEventTablesValidate(db, 0);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aContextWhoseMigrationsNeedAnotherContextsTablesCannotBeToldApartInTheSharedSchema(Kind kind) {
        try (World world = new World(kind, TIED, false)) {
            List<String> before = world.snapshot();
            ContextMove.Plan plan = ContextMove.of(world.builder, "audit",
                    settings -> settings.strategy(IsolationStrategy.SCHEMA).schema(world.target)).plan();
            assertThat(plan.blockers()).hasSize(1).first().asString()
                    .startsWith("Which objects of the shared schema " + world.shared + " are context 'audit''s cannot be"
                            + " decided: its migrations, run alone in a scratch schema to find out, failed (")
                    .contains("V1__audit.sql");
            assertThat(world.snapshot()).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aDryRunChangesNothing(Kind kind) {
        try (World world = new World(kind, MODEL, false)) {
            List<String> before = world.snapshot();
            ContextMove.Plan plan = world.toSchema().plan();
            assertThat(plan.steps()).isNotEmpty();
            assertThat(plan.describe()).contains("table stock_item");
            assertThat(world.snapshot()).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aForeignKeyFromAnotherContextBlocksTheMove(Kind kind) {
        try (World world = new World(kind, TIED, false)) {
            List<String> before = world.snapshot();
            ContextMove move = world.toSchema();
            String blocker = "Foreign key audit_note_warehouse of table " + world.shared + ".audit_note (another"
                    + " context's, in the shared schema) references table warehouse of context 'stock'.";
            assertThat(move.plan().blockers()).containsExactly(blocker);
            assertThatThrownBy(() -> move.run(line -> { }))
                    .isInstanceOf(ContextMove.MoveException.class)
                    .hasMessageContaining("Context 'stock' cannot move from SHARED to SCHEMA; nothing was changed")
                    .hasMessageContaining(blocker);
            assertThat(world.snapshot()).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void pendingDeliveriesHoldTheMoveBack(Kind kind) {
        try (World world = new World(kind, MODEL, false)) {
            world.db.execute("insert into " + world.shared + ".cdb_delivery_stock (event_id, listener_id,"
                    + " listener_context, status, attempts, next_attempt_at) values ('e1', 'l1', 'books', 'PENDING', 0, 0)");
            SameServerMove.drainTimeout = Duration.ofMillis(300);
            List<String> before = world.snapshot();
            assertThatThrownBy(() -> world.toSchema().run(line -> { }))
                    .isInstanceOf(ContextMove.MoveException.class)
                    .hasMessageContaining("Context 'stock' still has 1 deliveries pending in its outbox")
                    .hasMessageContaining("stop the application's writers to context 'stock'");
            assertThat(world.snapshot()).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aSecondMoveOfTheSameContextWaitsForNoOne(Kind kind) throws SQLException {
        try (World world = new World(kind, MODEL, false);
                Connection other = java.sql.DriverManager.getConnection(world.db.url(), world.db.username(),
                        world.db.password());
                Statement statement = other.createStatement()) {
            String name = SameServerMove.lockName("stock");
            statement.execute(kind == Kind.POSTGRESQL ? "select pg_advisory_lock(hashtextextended('" + name + "', 0))"
                    : "select GET_LOCK('" + name + "', 0)");
            List<String> before = world.snapshot();
            assertThatThrownBy(() -> world.toSchema().run(line -> { }))
                    .isInstanceOf(ContextMove.MoveException.class)
                    .hasMessageContaining("Another move of context 'stock' is running on this server; this one changed"
                            + " nothing.");
            assertThat(world.snapshot()).isEqualTo(before);
        }
    }

    @Test
    void onPostgresqlAFailureAnywhereRollsTheWholeMoveBack() throws SQLException {
        try (World world = new World(Kind.POSTGRESQL, MODEL, false)) {
            List<String> before = world.snapshot();
            int step = 0;
            while (true) {
                step++;
                AtomicBoolean crashed = crashAfter(step);
                Throwable thrown = catchThrowable(() -> world.toSchema().run(line -> { }));
                if (!crashed.get()) {
                    // Past the last step: this run went through.
                    assertThat(thrown).isNull();
                    break;
                }
                assertThat(thrown).isInstanceOf(ContextMove.MoveException.class)
                        .hasMessageContaining("crash after step " + step)
                        .hasMessageContaining("rolled back and nothing changed");
                assertThat(world.snapshot()).as("after a crash after step " + step).isEqualTo(before);
            }
            assertThat(step - 1).as("steps interrupted").isGreaterThanOrEqualTo(4);
            try (ContextDb db = world.builder.build()) {
                assertThat(db.migrations().get("stock").applied()).isZero();
                assertStockWorks(Kind.POSTGRESQL, db, 4, 2);
            }
        }
    }

    @Test
    void onMariaDbAMoveInterruptedAfterAnyStepFinishesWhenRunAgain() throws SQLException {
        int step = 0;
        boolean past = false;
        while (!past) {
            step++;
            try (World world = new World(Kind.MARIADB, MODEL, false)) {
                AtomicBoolean crashed = crashAfter(step);
                Throwable thrown = catchThrowable(() -> world.toSchema().run(line -> { }));
                past = !crashed.get();
                if (past) {
                    assertThat(thrown).isNull();
                } else {
                    assertThat(thrown).isInstanceOf(ContextMove.MoveException.class)
                            .hasMessageContaining("crash after step " + step)
                            .hasMessageContaining("run the move again: it finishes from where it stopped");
                    SameServerMove.afterStep = done -> { };
                    world.toSchema().run(line -> { });
                }
                assertThat(world.tables(world.target)).as("after a crash after step " + step)
                        .containsExactlyInAnyOrder("warehouse", "stock_item", "flyway_schema_history",
                                "cdb_outbox", "cdb_delivery", "cdb_inbox", "cdb_events_history");
                assertThat(world.tables(world.shared)).containsExactlyInAnyOrder("book_entry",
                        "flyway_schema_history_books");
                try (ContextDb db = world.builder.build()) {
                    assertThat(db.migrations().get("stock").applied()).isZero();
                    assertStockWorks(Kind.MARIADB, db, 4, 2);
                    assertThat(query(db.dataSource("stock"), "select stock_total()")).isEqualTo("15");
                }
            }
        }
        assertThat(step - 1).as("steps interrupted").isGreaterThanOrEqualTo(7);
    }

    @Test
    void withRolesAContextMovesFromItsSchemaIntoTheSharedOneAndStaysApart() throws SQLException {
        try (World world = new World(Kind.POSTGRESQL, MODEL, true, IsolationStrategy.SCHEMA)) {
            world.toShared().run(line -> { });
            try (ContextDb db = world.builder.build()) {
                assertThat(db.migrations().get("stock").applied()).isZero();
                assertStockWorks(Kind.POSTGRESQL, db, 4, 2);
                assertThat(world.db.queryStrings("select pg_get_userbyid(relowner) from pg_class c join pg_namespace n"
                        + " on n.oid = c.relnamespace where n.nspname = '" + world.shared + "' and relname = 'stock_item'"))
                        .containsExactly(db.placement("stock").username());
                assertThatThrownBy(() -> query(db.dataSource("books"), "select count(*) from stock_item"))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
                assertThatThrownBy(() -> query(db.dataSource("stock"), "select count(*) from book_entry"))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            }
        }
    }

    /** Makes the next move fail right after its step {@code step}; says whether it did. */
    private static AtomicBoolean crashAfter(int step) {
        AtomicBoolean crashed = new AtomicBoolean();
        SameServerMove.afterStep = done -> {
            if (done.startsWith(step + " ")) {
                crashed.set(true);
                throw new IllegalStateException("crash after step " + step);
            }
        };
        return crashed;
    }

    @Test
    void withRolesTheMovedContextUsesItsTablesInItsNewSchemaAndNoOneElses() throws SQLException {
        try (World world = new World(Kind.POSTGRESQL, MODEL, true)) {
            world.toSchema().run(line -> { });
            try (ContextDb db = world.builder.build()) {
                assertThat(db.migrations().get("stock").applied()).isZero();
                assertStockWorks(Kind.POSTGRESQL, db, 4, 2);
                assertThat(world.db.queryStrings("select pg_get_userbyid(relowner) from pg_class c join pg_namespace n"
                        + " on n.oid = c.relnamespace where n.nspname = '" + world.target + "' and relname = 'stock_item'"))
                        .containsExactly(db.placement("stock").username());
                assertThatThrownBy(() -> query(db.dataSource("stock"), "select count(*) from " + world.shared
                        + ".book_entry")).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            }
        }
    }

    /** Who holds what on a table of that name, in either schema, from the server's own catalog. */
    private static List<String> grantsOn(World world, String table) {
        return world.db.queryStrings("select concat(table_schema, ' ', grantee, ' ', privilege_type)"
                + " from information_schema.table_privileges where table_name = '" + table + "' and table_schema in ('"
                + world.shared + "', '" + world.target + "') and grantee not in ('postgres', 'PUBLIC')"
                + " and grantee not like '%cdb_stock%' order by 1");
    }

    /** Inserts through the context's own DataSource, unqualified, as the application does. */
    private static void assertStockWorks(Kind kind, ContextDb db, long nextItem, long nextBatch) throws SQLException {
        DataSource stock = db.dataSource("stock");
        execute(stock, "insert into stock_item (warehouse_id, sku, quantity) values (2, 'd-4', 2)");
        assertThat(query(stock, "select max(id) from stock_item")).as("the identity keeps counting")
                .isEqualTo(String.valueOf(nextItem));
        assertThat(query(stock, "select sku from stock_item where id = " + nextItem)).as("the trigger fired")
                .isEqualTo("D-4");
        assertThat(query(stock, kind == Kind.POSTGRESQL ? "select nextval('stock_batch_seq')"
                : "select nextval(stock_batch_seq)")).isEqualTo(String.valueOf(nextBatch));
        assertThat(query(stock, "select quantity from stock_level where name = 'north'")).isEqualTo("12");
        // MariaDB: the default nextval(`database`.`stock_label_seq`) names the database; it was pointed at the new one.
        execute(stock, "insert into warehouse (name) values ('east " + nextItem + "')");
    }

    private static void assertEventTablesValidate(ContextDb db, int pending) {
        Placement placement = db.placement("stock");
        var flyway = ContextMigrations.load(EventSchema.configure(placement, db.flyway("stock").orElseThrow(),
                EventTables.of(placement), SameServerMoveTest.class.getClassLoader()));
        assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
        assertThat(flyway.info().pending()).hasSize(pending);
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String query(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
