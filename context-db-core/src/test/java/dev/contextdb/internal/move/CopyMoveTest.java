package dev.contextdb.internal.move;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextMove;
import dev.contextdb.internal.events.EventSchema;
import dev.contextdb.internal.events.EventTables;
import dev.contextdb.internal.move.MoveJournal.Step;
import dev.contextdb.internal.move.MoveWorld.Place;
import dev.contextdb.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Moves to and from another database on real PostgreSQL and MariaDB: every direction, a crash
 * after every step followed by a rerun, a rollback, and dropping the source. The "other server"
 * of {@code DATABASE → DATABASE} is another database of the same server, reached by its own URL.
 */
class CopyMoveTest {

    private static final int ITEMS = 10_000;

    @AfterEach
    void noHook() {
        CopyMove.afterStep = step -> { };
        CopyMove.afterTable = table -> { };
    }

    static Stream<Arguments> directions() {
        List<Place[]> directions = List.of(new Place[] {Place.SCHEMA, Place.DATABASE},
                new Place[] {Place.DATABASE, Place.SCHEMA}, new Place[] {Place.SHARED, Place.DATABASE},
                new Place[] {Place.DATABASE, Place.SHARED}, new Place[] {Place.DATABASE, Place.OTHER_DATABASE});
        return Stream.of(TestDatabase.Kind.POSTGRESQL, TestDatabase.Kind.MARIADB)
                .flatMap(kind -> directions.stream().map(d -> Arguments.of(kind, d[0], d[1])));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("directions")
    void movesEveryRowVerifiesAndStartsCleanAtTheTarget(TestDatabase.Kind kind, Place from, Place to) throws Exception {
        try (MoveWorld world = new MoveWorld(kind)) {
            world.populate(from, ITEMS);
            boolean postgres = kind == TestDatabase.Kind.POSTGRESQL;
            // The context's own sequence, behind no column, drawn up to 1041 at the source.
            String ticket = postgres && from == Place.SCHEMA ? world.schema() + ".ticket_number" : "ticket_number";
            world.atDepot(from, postgres ? "select setval('" + ticket + "', 1041)" : "select setval(ticket_number, 1041)");
            ContextMove move = world.move(from, to);

            ContextMove.Plan plan = move.plan();
            assertThat(plan.blockers()).isEmpty();
            assertThat(plan.describe()).contains("Copy every table in foreign-key order");

            ContextMove.Report report = move.run(world.progress::add);

            assertThat(report.tables()).extracting(ContextMove.Table::name).containsExactly("kind", "warehouse", "item");
            assertThat(report.tables()).extracting(ContextMove.Table::rows).containsExactly(2L, 2L, (long) ITEMS);
            world.assertItems(to, ITEMS);
            assertThat(world.atDepot(to, "select count(*) from item where note is null"))
                    .containsExactly(String.valueOf(ITEMS / 7));
            assertThat(world.atDepot(to, "select name from warehouse order by id")).containsExactly("north", "south");
            assertThat(world.tablesAt(to)).contains("flyway_schema_history" + (to == Place.SHARED ? "_depot" : ""));
            assertThat(world.progress).anyMatch(line -> line.startsWith("Verified item: " + ITEMS + " rows"))
                    .anyMatch(line -> line.contains("rows/s"))
                    .contains("Sequence ticket_number set: " + (postgres ? "last value 1041." : "next value 1042."));

            // The application, started from the target's configuration: nothing to migrate, the
            // identity counters where the source's were, the other context where it was.
            try (ContextDb db = world.configuration(to).build()) {
                assertThat(db.migrations().get("depot").applied()).isZero();
                try (Connection connection = db.dataSource("depot").getConnection();
                        Statement statement = connection.createStatement()) {
                    statement.executeUpdate("insert into warehouse (name) values ('east')");
                    assertThat(single(statement, "select id from warehouse where name = 'east'")).isEqualTo("3");
                    assertThat(single(statement, postgres ? "select nextval('ticket_number')"
                            : "select nextval(ticket_number)")).isEqualTo("1042");
                }
                try (Connection connection = db.dataSource("till").getConnection();
                        Statement statement = connection.createStatement()) {
                    assertThat(single(statement, "select count(*) from receipt")).isEqualTo("2");
                }
            }
            // The source is untouched until it is dropped.
            world.assertItems(from, ITEMS);

            move.dropSource(world.progress::add);

            if (from != Place.SCHEMA) { // a schema of its own goes whole
                assertThat(world.atDepot(from, postgres ? "select count(*) from pg_class c join pg_namespace n"
                        + " on n.oid = c.relnamespace where c.relname = 'ticket_number' and n.nspname = 'public'"
                        : "select count(*) from information_schema.tables where table_name = 'ticket_number'"
                                + " and table_schema = database()")).as("the context's sequence at the source")
                        .containsExactly("0");
            }

            if (from == Place.SHARED) {
                assertThat(world.tablesAt(from)).contains("receipt", "flyway_schema_history_till")
                        .doesNotContain("item", "warehouse", "kind", "flyway_schema_history_depot");
            } else {
                assertThat(world.tablesAt(from)).isEmpty();
            }
            assertThat(world.tablesAt(to)).doesNotContain("cdb_move_journal", "cdb_move_journal_depot")
                    .contains("item", "warehouse", "kind");
        }
    }

    /**
     * Runs the move until it stops right after {@code crash} is recorded, as a kill there would
     * stop it; the next run goes through.
     */
    private static void crashAfter(ContextMove move, MoveWorld world, Step crash) {
        CopyMove.afterStep = step -> {
            if (step == crash) {
                throw new IllegalStateException("crash after " + step);
            }
        };
        try {
            assertThatThrownBy(() -> move.run(world.progress::add)).hasMessage("crash after " + crash);
        } finally {
            CopyMove.afterStep = step -> { };
        }
    }

    static Stream<Arguments> crashes() {
        return Stream.of(TestDatabase.Kind.POSTGRESQL, TestDatabase.Kind.MARIADB)
                .flatMap(kind -> Stream.of(Step.values()).map(step -> Arguments.of(kind, step)));
    }

    @ParameterizedTest(name = "{0}: crash after {1}")
    @MethodSource("crashes")
    void aMoveInterruptedAfterAnyStepFinishesWhenRunAgain(TestDatabase.Kind kind, Step crash) {
        try (MoveWorld world = new MoveWorld(kind)) {
            world.populate(Place.SCHEMA, ITEMS);
            ContextMove move = world.move(Place.SCHEMA, Place.DATABASE);
            crashAfter(move, world, crash);

            ContextMove.Report report = move.run(world.progress::add);

            assertThat(report.tables()).extracting(ContextMove.Table::rows).containsExactly(2L, 2L, (long) ITEMS);
            world.assertItems(Place.DATABASE, ITEMS);
            world.assertItems(Place.SCHEMA, ITEMS);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aTargetRowThatDiffersFromTheSourceFailsTheVerificationAndIsCopiedAgain(TestDatabase.Kind kind) {
        try (MoveWorld world = new MoveWorld(kind)) {
            world.populate(Place.SCHEMA, ITEMS);
            ContextMove move = world.move(Place.SCHEMA, Place.DATABASE);
            crashAfter(move, world, Step.COPIED);
            // One value of one row, changed at the target between the copy and the verification.
            executeAt(world, Place.DATABASE, "update item set quantity = quantity + 1 where id = 7");

            assertThatThrownBy(() -> move.run(world.progress::add)).isInstanceOf(ContextMove.MoveException.class)
                    .hasMessageMatching("Table item differs: the source has 10000 rows \\(checksum -?\\d+\\), the"
                            + " target 10000 \\(checksum -?\\d+\\)\\. Something wrote to the source during the copy\\."
                            + " Fix: stop the application's writes to 'depot', then run the move again: it copies the"
                            + " table again\\.");

            move.run(world.progress::add);
            assertThat(world.atDepot(Place.DATABASE, "select quantity from item where id = 7")).containsExactly("7");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aTargetWithAPendingMigrationIsRefusedAtTheSwitch(TestDatabase.Kind kind) {
        try (MoveWorld world = new MoveWorld(kind)) {
            world.populate(Place.SCHEMA, 10);
            ContextMove move = world.move(Place.SCHEMA, Place.DATABASE);
            crashAfter(move, world, Step.SYNCED);
            // The target's history forgets its last migration: a start from the target's configuration
            // would apply it again.
            executeAt(world, Place.DATABASE, "delete from flyway_schema_history where version = '3'");

            assertThatThrownBy(() -> move.run(world.progress::add)).isInstanceOf(ContextMove.MoveException.class)
                    .hasMessage("Started from the target's configuration, context 'depot' would apply 1 migrations"
                            + " (V3__ticket_number.sql): its history at the target is not its migrations' version."
                            + " Fix: roll the move back and run it again.");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aTargetWhoseHistoryDoesNotValidateIsRefusedAtTheSwitch(TestDatabase.Kind kind) {
        try (MoveWorld world = new MoveWorld(kind)) {
            world.populate(Place.SCHEMA, 10);
            ContextMove move = world.move(Place.SCHEMA, Place.DATABASE);
            crashAfter(move, world, Step.SYNCED);
            executeAt(world, Place.DATABASE, "update flyway_schema_history set checksum = 42 where version = '2'");

            assertThatThrownBy(() -> move.run(world.progress::add)).isInstanceOf(ContextMove.MoveException.class)
                    .hasMessageStartingWith("The migration history of context 'depot' at the target does not validate:"
                            + " Migration checksum mismatch for migration version 2")
                    .hasMessageEndingWith(" Fix: roll the move back and run it again.");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aCopyInterruptedBetweenTablesFinishesWithItsKeysAndIndexesMadeAgain(TestDatabase.Kind kind) {
        try (MoveWorld world = new MoveWorld(kind)) {
            world.populate(Place.SHARED, ITEMS);
            ContextMove move = world.move(Place.SHARED, Place.DATABASE);
            CopyMove.afterTable = table -> {
                if (table.equals("warehouse")) {
                    throw new IllegalStateException("crash after " + table);
                }
            };
            assertThatThrownBy(() -> move.run(world.progress::add)).hasMessage("crash after warehouse");
            CopyMove.afterTable = table -> { };

            move.run(world.progress::add);

            world.assertItems(Place.DATABASE, ITEMS);
            String schemaFilter = kind == TestDatabase.Kind.MARIADB
                    ? "table_schema = '" + world.database(Place.DATABASE) + "'" : "table_schema = 'public'";
            assertThat(world.atDepot(Place.DATABASE, "select constraint_type from information_schema.table_constraints"
                    + " where table_name = 'item' and constraint_type <> 'CHECK' and " + schemaFilter + " order by 1"))
                    .containsExactly("FOREIGN KEY", "FOREIGN KEY", "PRIMARY KEY");
            assertThat(world.atDepot(Place.DATABASE, "select constraint_type from information_schema.table_constraints"
                    + " where table_name = 'warehouse' and constraint_type <> 'CHECK' and " + schemaFilter + " order by 1"))
                    .containsExactly("PRIMARY KEY", "UNIQUE");
            assertThatThrownBy(() -> world.atDepot(Place.DATABASE,
                    "insert into item (id, warehouse_id, sku, quantity, added_at) values (99999, 99, 'x', 1, current_timestamp)"))
                    .hasMessageContaining("foreign key");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aRollbackDropsTheDatabaseItCreatedAndLeavesTheSource(TestDatabase.Kind kind) {
        try (MoveWorld world = new MoveWorld(kind)) {
            world.populate(Place.SCHEMA, ITEMS);
            ContextMove move = world.move(Place.SCHEMA, Place.DATABASE);
            crashAfter(move, world, Step.COPIED);
            assertThat(world.databaseExists(world.database(Place.DATABASE))).isTrue();

            move.rollback(world.progress::add);

            assertThat(world.databaseExists(world.database(Place.DATABASE))).isFalse();
            world.assertItems(Place.SCHEMA, ITEMS);
            assertThat(move.plan().blockers()).isEmpty();
        }
    }

    /**
     * Interrupted after the target database was made and migrated, before the journal: the
     * database carries the move's mark, so a rollback drops it as the move's own.
     */
    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aRollbackDropsADatabaseTheMoveWasStillPreparing(TestDatabase.Kind kind) {
        try (MoveWorld world = new MoveWorld(kind)) {
            world.populate(Place.SCHEMA, ITEMS);
            ContextMove move = world.move(Place.SCHEMA, Place.DATABASE);
            crashAfter(move, world, Step.TARGET_STARTED);
            assertThat(world.tablesAt(Place.DATABASE)).contains("item").doesNotContain("cdb_move_journal");
            assertThat(move.plan().blockers()).isEmpty();

            move.rollback(world.progress::add);

            assertThat(world.databaseExists(world.database(Place.DATABASE))).isFalse();
            assertThat(world.progress).contains("Dropped database " + world.database(Place.DATABASE) + ", which a move"
                    + " interrupted while preparing it had created; the source was not changed.");
            world.assertItems(Place.SCHEMA, ITEMS);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aRollbackInTheSharedSchemaDropsOnlyTheContextsTables(TestDatabase.Kind kind) {
        try (MoveWorld world = new MoveWorld(kind)) {
            world.populate(Place.DATABASE, ITEMS);
            ContextMove move = world.move(Place.DATABASE, Place.SHARED);
            crashAfter(move, world, Step.VERIFIED);
            assertThat(world.tablesAt(Place.SHARED)).contains("item", "cdb_move_journal_depot");

            move.rollback(world.progress::add);

            assertThat(world.tablesAt(Place.SHARED)).containsExactlyInAnyOrder("receipt", "flyway_schema_history_till");
            world.assertItems(Place.DATABASE, ITEMS);
            // The context's own sequence went too: its migrations create it again when the move runs again.
            move.run(world.progress::add);
            world.assertItems(Place.SHARED, ITEMS);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void theSourceIsDroppedOnlyOnceTheMoveHasFinished(TestDatabase.Kind kind) {
        try (MoveWorld world = new MoveWorld(kind)) {
            world.populate(Place.SCHEMA, 10);
            ContextMove move = world.move(Place.SCHEMA, Place.DATABASE);

            assertThatThrownBy(() -> move.dropSource(world.progress::add))
                    .isInstanceOf(ContextMove.MoveException.class)
                    .hasMessageContaining("The move of context 'depot' has not finished (there is no move journal at"
                            + " the target): its source is all there is.");
            world.assertItems(Place.SCHEMA, 10);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aTargetHoldingTablesAlreadyIsRefusedWithNothingChanged(TestDatabase.Kind kind) {
        try (MoveWorld world = new MoveWorld(kind)) {
            world.populate(Place.SCHEMA, 10);
            world.server.execute("create database " + world.database(Place.DATABASE));
            world.server.queryStringsIn(world.database(Place.DATABASE), "select 1");
            try (Connection connection = java.sql.DriverManager.getConnection(
                    world.server.urlOf(world.database(Place.DATABASE)), world.server.username(),
                    world.server.password()); Statement statement = connection.createStatement()) {
                statement.execute("create table unrelated (id integer primary key)");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            ContextMove move = world.move(Place.SCHEMA, Place.DATABASE);

            assertThat(move.plan().blockers()).singleElement().asString()
                    .contains("already holds tables [unrelated] and no move journal");
            assertThatThrownBy(() -> move.run(world.progress::add)).isInstanceOf(ContextMove.MoveException.class)
                    .hasMessageContaining("is blocked, nothing was changed");
            assertThat(world.tablesAt(Place.DATABASE)).containsExactly("unrelated");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void theEventTablesMoveWithTheirRowsOnceTheOutboxHasDrained(TestDatabase.Kind kind) throws Exception {
        try (MoveWorld world = new MoveWorld(kind)) {
            world.populate(Place.SHARED, 10);
            try (ContextDb db = world.configuration(Place.SHARED).build();
                    Connection connection = db.dataSource("depot").getConnection();
                    Statement statement = connection.createStatement()) {
                EventTables tables = EventTables.of(db.placement("depot"));
                EventSchema.migrate(db.placement("depot"), db.flyway("depot").orElseThrow(), tables,
                        getClass().getClassLoader());
                statement.execute("insert into " + tables.outbox() + " (id, event_type, payload, published_at)"
                        + " values ('e1', 'StockMoved', '{\"sku\":\"a\"}', 1)");
                statement.execute("insert into " + tables.delivery() + " (event_id, listener_id, listener_context,"
                        + " status, attempts, next_attempt_at) values ('e1', 'till.onStock', 'till', 'PENDING', 0, 0)");
                statement.execute("insert into " + tables.inbox() + " (event_id, listener_id, received_at)"
                        + " values ('e0', 'depot.onSale', 1)");
            }
            ContextMove move = world.move(Place.SHARED, Place.DATABASE);
            assertThat(move.plan().objects()).anyMatch(line -> line.startsWith(
                    "event tables cdb_outbox_depot, cdb_delivery_depot, cdb_inbox_depot"));
            CopyMove.drainTimeout = java.time.Duration.ZERO;
            try {
                assertThatThrownBy(() -> move.run(world.progress::add)).isInstanceOf(ContextMove.MoveException.class)
                        .hasMessageContaining("The outbox of context 'depot' still has 1 pending deliveries");
            } finally {
                CopyMove.drainTimeout = java.time.Duration.ofMinutes(10);
            }
            try (Connection connection = java.sql.DriverManager.getConnection(world.server.urlOf(world.shared),
                    world.server.username(), world.server.password()); Statement statement = connection.createStatement()) {
                statement.executeUpdate("update cdb_delivery_depot set status = 'DONE', attempts = 1");
            }

            ContextMove.Report report = move.run(world.progress::add);

            assertThat(report.tables()).extracting(ContextMove.Table::name)
                    .containsExactly("kind", "warehouse", "item", "cdb_outbox", "cdb_delivery", "cdb_inbox");
            assertThat(report.tables()).extracting(ContextMove.Table::rows).containsExactly(2L, 2L, 10L, 1L, 1L, 1L);
            assertThat(world.atDepot(Place.DATABASE, "select payload from cdb_outbox")).containsExactly("{\"sku\":\"a\"}");
            assertThat(world.atDepot(Place.DATABASE, "select status from cdb_delivery")).containsExactly("DONE");
            assertThat(world.tablesAt(Place.DATABASE)).contains("cdb_events_history");
        }
    }

    @org.junit.jupiter.api.Test
    void withRolesTheTargetIsSetUpAsTheApplicationWouldAndTheContextsRoleOwnsItsTables() throws Exception {
        String tillRole = TestDatabase.uniqueName("till");
        String depotRole = TestDatabase.uniqueName("depot");
        try (MoveWorld world = new MoveWorld(TestDatabase.Kind.POSTGRESQL, tillRole, depotRole)) {
            world.roles(tillRole, depotRole);
            world.populate(Place.DATABASE, 100);
            ContextMove move = world.move(Place.DATABASE, Place.SCHEMA);

            move.run(world.progress::add);

            assertThat(world.server.queryStringsIn(world.shared, "select distinct tableowner from pg_tables"
                    + " where schemaname = '" + world.schema() + "' and tablename not like 'cdb_move%'"))
                    .containsExactly(depotRole);
            try (ContextDb db = world.configuration(Place.SCHEMA).build();
                    Connection connection = db.dataSource("depot").getConnection();
                    Statement statement = connection.createStatement()) {
                assertThat(single(statement, "select current_user")).isEqualTo(depotRole);
                statement.executeUpdate("insert into warehouse (name) values ('east')");
                assertThat(single(statement, "select count(*) from item")).isEqualTo("100");
                assertThat(single(statement, "select id from warehouse where name = 'east'")).isEqualTo("3");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aMoveToAnotherDatabaseProductIsRefusedWithNothingChanged() {
        try (MoveWorld world = new MoveWorld(TestDatabase.Kind.POSTGRESQL); TestDatabase mariadb = TestDatabase.mariadb()) {
            world.populate(Place.SCHEMA, 10);
            String database = mariadb.createDatabase("depot");
            ContextMove move = ContextMove.of(world.configuration(Place.SCHEMA), "depot", target -> target
                    .strategy(dev.contextdb.IsolationStrategy.DATABASE).schema(null)
                    .datasource(mariadb.urlOf(database), mariadb.username(), mariadb.password()));

            assertThat(move.plan().blockers()).containsExactly("Context 'depot' lives on PostgreSQL and would move to"
                    + " MariaDB: a move copies between databases of the same product, whose migrations and types are"
                    + " the same. Point the target at a PostgreSQL database.");
            assertThatThrownBy(() -> move.run(world.progress::add)).isInstanceOf(ContextMove.MoveException.class)
                    .hasMessageContaining("is blocked, nothing was changed");
            assertThat(mariadb.tablesInDatabase(database)).isEmpty();
        }
    }

    private static void executeAt(MoveWorld world, Place place, String sql) {
        try (Connection connection = java.sql.DriverManager.getConnection(world.server.urlOf(world.database(place)),
                world.server.username(), world.server.password()); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
