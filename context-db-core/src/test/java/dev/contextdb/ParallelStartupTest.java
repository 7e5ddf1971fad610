package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.fixtures.levels.RecordingMigration;
import dev.contextdb.fixtures.levels.RecordingMigration.Run;
import dev.contextdb.internal.ContextMigrations;
import dev.contextdb.test.Scenario;
import dev.contextdb.test.TestDatabase.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Start-up several steps at once: contexts migrate a reads level at a time, those of one level at
 * once, {@code SHARED} ones one after the other; migrations are found by one shared scan that
 * finds what Flyway's own scanner finds.
 */
class ParallelStartupTest {

    /** lvbase; lvleft and lvright read lvbase; lvtop reads both. Each migration takes 300 ms. */
    private static final ContextModel LEVELS = ContextModel.scan("dev.contextdb.fixtures.levels");

    @BeforeEach
    void forgetRuns() {
        RecordingMigration.RUNS.clear();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void contextsOfOneReadsLevelMigrateAtOnceAndAfterTheContextsTheyRead(Kind kind) {
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                ContextDb db = scenario.builder(LEVELS).startupThreads(4).build()) {
            Map<String, Run> runs = runs();
            assertThat(runs.get("lvbase").end()).isLessThan(runs.get("lvleft").start())
                    .isLessThan(runs.get("lvright").start());
            assertThat(runs.get("lvleft").overlaps(runs.get("lvright"))).as("left and right at once").isTrue();
            assertThat(runs.get("lvtop").start()).isGreaterThan(runs.get("lvleft").end())
                    .isGreaterThan(runs.get("lvright").end());
            for (String context : LEVELS.names()) {
                assertThat(scenario.tablesOf(context)).as(context).contains(context + "_done");
                assertThat(db.migrations().get(context).applied()).isEqualTo(1);
                assertThat(db.migrations().get(context).version()).isEqualTo("1");
            }
            assertThat(db.migrations().keySet()).containsExactly("lvbase", "lvleft", "lvright", "lvtop");
        }
    }

    @Test
    void oneThreadMigratesOneContextAtATimeInReadsOrder() {
        try (Scenario scenario = new Scenario(Kind.H2, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                ContextDb db = scenario.builder(LEVELS).startupThreads(1).build()) {
            assertThat(RecordingMigration.RUNS).extracting(Run::context)
                    .containsExactly("lvbase", "lvleft", "lvright", "lvtop");
            assertNoOverlap();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"H2", "POSTGRESQL"})
    void sharedContextsMigrateOneAfterTheOtherWhateverTheThreads(Kind kind) {
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SHARED, Pooling.PER_CONTEXT);
                ContextDb db = scenario.builder(LEVELS).startupThreads(4).build()) {
            assertThat(RecordingMigration.RUNS).extracting(Run::context)
                    .containsExactly("lvbase", "lvleft", "lvright", "lvtop");
            assertNoOverlap();
            assertThat(scenario.tablesOf("lvtop")).contains("lvbase_done", "lvleft_done", "lvright_done", "lvtop_done");
        }
    }

    @Test
    void aNumberOfThreadsBelowOneIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> ContextDb.builder(LEVELS).startupThreads(0))
                .isInstanceOf(ContextDbConfigurationException.class)
                .hasMessage("context-db.startup-threads = 0 is not a number of threads. Fix: set it to 1 or more,"
                        + " or remove it to use one per processor.");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theSharedScanFindsWhatFlywaysScannerFinds(Kind kind) {
        // Scripts in the location and below it, one with non-ASCII text, and a Java migration: had
        // the scan named or read any of them differently, Flyway's own validation would fail.
        ContextModel model = ContextModel.scan("dev.contextdb.fixtures.mixed");
        try (Scenario scenario = new Scenario(kind, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                ContextDb db = scenario.builder(model).startupThreads(2).build()) {
            assertThat(db.migrations().get("mixed").applied()).isEqualTo(3);
            assertThat(scenario.query("mixed", "select name from " + scenario.qualified("mixed", "mixed_thing")))
                    .containsExactly("seed");
            assertAgreesWithFlywaysScanner(db, "mixed", getClass().getClassLoader(),
                    "V1__mixed_thing.sql", "more/V2__mixed_more.sql", "db.migration.mixed.V3__MixedSeed");
        }
    }

    @Test
    void migrationsInAJarAreFoundByTheSharedScan(@TempDir Path directory) throws IOException {
        Path jar = directory.resolve("migrations.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String folder : List.of("db/", "db/migration/", "db/migration/jarred/", "db/migration/jarredother/")) {
                out.putNextEntry(new JarEntry(folder)); // as a build tool writes them; class loaders find folders by them
                out.closeEntry();
            }
            add(out, "db/migration/jarred/V1__jarred_thing.sql", "create table jarred_thing (id int primary key);");
            add(out, "db/migration/jarred/V2__jarred_seed.sql", "insert into jarred_thing (id) values (7);");
            add(out, "db/migration/jarredother/V1__not_mine.sql", "create table not_mine (id int);");
        }
        ContextModel model = ContextModel.of(List.of(ContextDefinition.of("jarred", "com.example.jarred")));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
                Scenario scenario = new Scenario(Kind.H2, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                ContextDb db = scenario.builder(model).classLoader(loader).build()) {
            assertThat(db.migrations().get("jarred").applied()).isEqualTo(2);
            assertThat(scenario.tablesOf("jarred")).containsExactlyInAnyOrder("jarred_thing", "flyway_schema_history");
            assertAgreesWithFlywaysScanner(db, "jarred", loader, "V1__jarred_thing.sql", "V2__jarred_seed.sql");
        }
    }

    @Test
    void aLocationThatListsAsEmptyIsLeftToFlywaysScanner(@TempDir Path directory) throws IOException {
        // An empty folder looks the same as one the shared scan cannot read; Flyway's scanner then
        // looks itself, so nothing is ever skipped. Here it finds nothing either, and says so.
        Files.createDirectories(directory.resolve("db/migration/hollow"));
        ContextModel model = ContextModel.of(List.of(ContextDefinition.of("hollow", "com.example.hollow")));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {directory.toUri().toURL()}, getClass().getClassLoader());
                Scenario scenario = new Scenario(Kind.H2, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                ContextDb db = scenario.builder(model).classLoader(loader).build()) {
            assertThat(db.migrations().get("hollow").applied()).isZero();
            assertThat(db.migrations().get("hollow").version()).isNull();
        }
    }

    @Test
    void aFolderTheClassLoaderDoesNotListIsLeftToFlywaysScanner(@TempDir Path directory) throws IOException {
        // A class loader that finds the folder only by the name Flyway asks for (no trailing
        // slash), as some application servers' do: the shared scan sees no folder at all, and
        // must leave the context to Flyway's scanner rather than migrate it with nothing.
        Path folder = Files.createDirectories(directory.resolve("db/migration/slashless"));
        Files.writeString(folder.resolve("V1__slashless_thing.sql"), "create table slashless_thing (id int);");
        ContextModel model = ContextModel.of(List.of(ContextDefinition.of("slashless", "com.example.slashless")));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {directory.toUri().toURL()}, getClass().getClassLoader()) {
                    @Override
                    public Enumeration<URL> getResources(String name) throws IOException {
                        return name.endsWith("/") ? Collections.emptyEnumeration() : super.getResources(name);
                    }
                };
                Scenario scenario = new Scenario(Kind.H2, IsolationStrategy.SCHEMA, Pooling.PER_CONTEXT);
                ContextDb db = scenario.builder(model).classLoader(loader).build()) {
            assertThat(db.migrations().get("slashless").applied()).isEqualTo(1);
            assertThat(scenario.tablesOf("slashless")).contains("slashless_thing");
        }
    }

    /** Flyway with its own scanner validates the schema and names the same scripts. */
    private static void assertAgreesWithFlywaysScanner(ContextDb db, String context, ClassLoader loader,
            String... scripts) {
        Flyway flyway = ContextMigrations.configure(db.placement(context), db.dataSource(context), loader).load();
        flyway.validate();
        assertThat(flyway.info().applied()).extracting(MigrationInfo::getScript).containsExactly(scripts);
    }

    private static void add(JarOutputStream jar, String name, String content) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        OutputStream out = jar;
        out.write(content.getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
    }

    private static Map<String, Run> runs() {
        return RecordingMigration.RUNS.stream().collect(Collectors.toMap(Run::context, Function.identity()));
    }

    private static void assertNoOverlap() {
        List<Run> runs = RecordingMigration.RUNS;
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i).start()).as(runs.get(i).context() + " after " + runs.get(i - 1).context())
                    .isGreaterThan(runs.get(i - 1).end());
        }
    }
}
