package dev.contextdb.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextModel;
import dev.contextdb.IsolationStrategy;
import dev.contextdb.boot.move.MoveApplication;
import dev.contextdb.test.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;

/**
 * The move command as a user runs it: its arguments checked before anything is read, the
 * application's configuration read as its start would (a profile's file, the command line's
 * overrides) without starting it, and a dry run that prints the plan and changes nothing.
 */
class ContextDbMoveTest {

    static final String APPLICATION = "--application=" + MoveApplication.class.getName();
    static final String PROFILE = "--spring.profiles.active=movetest";

    record Result(int exitCode, String out, String err) {
    }

    static Result move(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ContextDbMove.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutAContextItSaysSoAndShowsTheUsage() {
        Result result = move("--to=SCHEMA");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("No context given. Fix: name the context to move as the first argument,"
                + " for example 'inventory --to=SCHEMA'.").contains("Usage: <context> --to=SHARED|SCHEMA|DATABASE");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aStrategyThatDoesNotExistIsNamedWithTheThreeThatDo() {
        Result result = move("larder", "--to=SCHEME");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("--to=SCHEME is no strategy. Fix: use --to=SHARED, --to=SCHEMA or"
                + " --to=DATABASE.");
    }

    @Test
    void aMissingTargetOrDatabaseOrAnUnknownOptionIsRefusedBeforeAnythingIsRead() {
        assertThat(move("larder").err()).startsWith("No target given for context 'larder'. Fix: add --to=SHARED,"
                + " --to=SCHEMA or --to=DATABASE (with --url=… for DATABASE).");
        assertThat(move("larder", "--to=database").err()).startsWith("--to=DATABASE needs the database that context"
                + " 'larder' moves to. Fix: add --url=jdbc:… (and --username=…, --password=…) of that database; the"
                + " move creates it when it is missing and the user may.");
        assertThat(move("larder", "--to=SCHEMA", "--url=jdbc:postgresql://elsewhere/db").err()).startsWith(
                "--url is the target database of --to=DATABASE; with --to=SCHEMA context 'larder' stays in the shared"
                        + " database (context-db.datasource.url). Fix: remove --url, or use --to=DATABASE.");
        assertThat(move("larder", "--to=SCHEMA", "--dryrun").err()).startsWith("Unknown option --dryrun. Fix: use"
                + " one of --to, --schema, --url, --username, --password, --dry-run, --rollback, --drop-source,"
                + " --application;");
        assertThat(move("larder", "--to=SCHEMA", "--dry-run", "--rollback").err()).startsWith("--dry-run,"
                + " --rollback and --drop-source are different steps; 2 were given.");
        assertThat(move("larder", "--to=SCHEMA", "--dry-run", "--rollback").exitCode()).isEqualTo(2);
    }

    @Test
    void anUnknownContextIsNamedWithTheApplicationsContexts() {
        Result result = move("pantry", "--to=SCHEMA", APPLICATION, PROFILE);
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("Unknown context 'pantry' (the first argument): the application declares"
                + " cellar, larder. Fix: name one of its contexts." + System.lineSeparator());
    }

    @Test
    void aContextAlreadyWhereTheCommandSaysIsNotMovedAndADropSourceAfterTheSwitchAsksForTheOldPlacement() {
        Result move = move("larder", "--to=shared", APPLICATION, PROFILE);
        assertThat(move.exitCode()).isEqualTo(2);
        assertThat(move.err()).startsWith("Context 'larder' already lives there: its configuration says strategy"
                + " SHARED. Fix: give the placement it should move to;");
        Result dropSource = move("larder", "--to=SCHEMA", "--drop-source", APPLICATION, PROFILE,
                "--context-db.contexts.larder.strategy=schema");
        assertThat(dropSource.exitCode()).isEqualTo(2);
        assertThat(dropSource.err()).startsWith("The configuration already places context 'larder' at the target"
                + " (strategy SCHEMA), so it no longer says where the source is. Fix: run this step with the"
                + " configuration the move read: pass the old placement back on the command line, for example"
                + " --context-db.contexts.larder.strategy=…");
    }

    @Test
    void anApplicationClassThatIsNotThereIsNamed() {
        Result result = move("larder", "--to=SCHEMA", "--application=com.example.Missing");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("--application=com.example.Missing: no such class on the project's class"
                + " path.");
    }

    @Test
    void aBadValueInTheApplicationsConfigurationIsNamed() {
        Result result = move("larder", "--to=SCHEMA", APPLICATION, PROFILE, "--context-db.strategy=sideways");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("The application's context-db.strategy cannot be read:");
    }

    @Test
    void theApplicationClassIsFoundAmongTheProjectsClassesAndSeveralAreRefused(@TempDir Path classes)
            throws IOException {
        copyClass(MoveApplication.class, classes);
        ClassLoader loader = getClass().getClassLoader();
        assertThat(ApplicationEnvironment.applicationClasses(List.of(classes), loader))
                .containsExactly(MoveApplication.class.getName());
        copyClass(SecondApplication.class, classes);
        assertThat(ApplicationEnvironment.applicationClasses(List.of(classes), loader))
                .containsExactly(SecondApplication.class.getName(), MoveApplication.class.getName());
        // This test's own class path has both, and more: the command names them all and asks which.
        assertThatThrownBy(() -> ApplicationEnvironment.applicationClass(null, loader))
                .hasMessageStartingWith("The project has several Spring Boot application classes: [")
                .hasMessageContaining(SecondApplication.class.getName() + ", ")
                .hasMessageContaining(MoveApplication.class.getName())
                .hasMessageEndingWith("]. Fix: name the one to read the configuration of with --application=….");
    }

    @Test
    void aConfigurationClassWithoutMainIsFoundWhenNoneHasOneAndReadAsASpringApplicationOfIt(@TempDir Path classes)
            throws IOException {
        copyClass(ConfigurationWithoutMain.class, classes);
        ClassLoader loader = getClass().getClassLoader();
        assertThat(ApplicationEnvironment.applicationClasses(List.of(classes), loader))
                .containsExactly(ConfigurationWithoutMain.class.getName());
        copyClass(MoveApplication.class, classes);
        assertThat(ApplicationEnvironment.applicationClasses(List.of(classes), loader))
                .containsExactly(MoveApplication.class.getName());

        Result result = move("pantry", "--to=SCHEMA", "--application=" + ConfigurationWithoutMain.class.getName(),
                PROFILE, "--context-db.base-packages=dev.contextdb.boot.move");
        assertThat(result.err()).isEqualTo("Unknown context 'pantry' (the first argument): the application declares"
                + " cellar, larder. Fix: name one of its contexts." + System.lineSeparator());
    }

    @Test
    void aDryRunOnPostgresPrintsThePlanFromTheProfilesConfigurationAndChangesNothing() {
        try (TestDatabase postgres = TestDatabase.postgres()) {
            String shared = postgres.createSchema("pantry");
            String url = postgres.urlWithDefaultSchema(shared);
            try (ContextDb application = startShared(postgres, url)) {
                assertThat(application.placement("larder").strategy()).isEqualTo(IsolationStrategy.SHARED);
            }
            List<String> before = postgres.tablesIn(shared);
            String target = TestDatabase.uniqueName("larder");
            postgres.dropSchemaLater(target);

            Result result = move("larder", "--to=SCHEMA", "--schema=" + target, "--dry-run", APPLICATION, PROFILE,
                    "--context-db.datasource.url=" + url, "--context-db.datasource.username=" + postgres.username(),
                    "--context-db.datasource.password=" + postgres.password());

            assertThat(result.err()).isEmpty();
            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).startsWith("Move of context 'larder'\n  from ").contains("SHARED", "SCHEMA",
                    target, "jar", "flyway_schema_history_larder").contains("Steps:\n  1. ")
                    .doesNotContain("bottle").doesNotContain("Blocked").endsWith("Dry run: nothing was changed.\n");
            assertThat(postgres.tablesIn(shared)).isEqualTo(before).contains("jar", "flyway_schema_history_larder");
            assertThat(postgres.queryStrings("select count(*) from information_schema.schemata where schema_name = '"
                    + target + "'")).containsExactly("0");
            assertThat(postgres.queryStrings("select content from " + shared + ".jar order by id"))
                    .containsExactly("plum jam", "pickles");
        }
    }

    @Test
    void aMoveBlockedByAForeignKeyFromAnotherContextIsRefusedWithThePlanAndChangesNothing() {
        try (TestDatabase postgres = TestDatabase.postgres()) {
            String shared = postgres.createSchema("pantry");
            String url = postgres.urlWithDefaultSchema(shared);
            startShared(postgres, url).close();
            // cellar's table now points into larder's: larder cannot leave the schema without breaking it.
            postgres.execute("alter table " + shared + ".bottle add column jar_id bigint references " + shared
                    + ".jar (id)");
            List<String> before = postgres.tablesIn(shared);
            String target = TestDatabase.uniqueName("larder");
            postgres.dropSchemaLater(target);

            for (String step : List.of("--dry-run", "--to=SCHEMA")) {
                Result result = move("larder", "--to=SCHEMA", "--schema=" + target, step, APPLICATION, PROFILE,
                        "--context-db.datasource.url=" + url, "--context-db.datasource.username=" + postgres.username(),
                        "--context-db.datasource.password=" + postgres.password());
                assertThat(result.exitCode()).as(step).isEqualTo(1);
                assertThat(result.out()).as(step).contains("Blocked, nothing will be changed:\n  ! ").contains("bottle");
                assertThat(result.err()).as(step).contains("Context 'larder'").contains("blocked");
            }
            assertThat(postgres.tablesIn(shared)).isEqualTo(before);
            assertThat(postgres.queryStrings("select count(*) from information_schema.schemata where schema_name = '"
                    + target + "'")).containsExactly("0");
        }
    }

    private static ContextDb startShared(TestDatabase postgres, String url) {
        return ContextDb.builder(ContextModel.scan("dev.contextdb.boot.move")).strategy(IsolationStrategy.SHARED)
                .datasource(url, postgres.username(), postgres.password())
                .context("larder", larder -> larder.migrationLocations("classpath:db/move/larder"))
                .context("cellar", cellar -> cellar.migrationLocations("classpath:db/move/cellar"))
                .build();
    }

    @Test
    void theNextStepsNameThePropertiesThatNowSayWhereTheContextLives() {
        MoveArguments toDatabase = MoveArguments.parse("inventory", "--to=DATABASE",
                "--url=jdbc:postgresql://inventory-db/inventory", "--username=inventory", "--password=secret");
        assertThat(ContextDbMove.nextSteps(toDatabase, null, true)).isEqualTo("""
                Next: stop what still runs on the old configuration, and set
                  context-db.contexts.inventory.strategy=database
                  context-db.contexts.inventory.datasource.url=jdbc:postgresql://inventory-db/inventory
                  context-db.contexts.inventory.datasource.username=inventory
                  context-db.contexts.inventory.datasource.password=(its password)
                then start the application: the context's migrations are all applied there, none will run.
                Once it runs there, remove the context's tables at the source: the same move again with --drop-source (-DdropSource from Maven).
                """);
        ContextDbProperties.Context configured = new ContextDbProperties.Context();
        configured.getDatasource().setUrl("jdbc:postgresql://inventory-db/inventory");
        assertThat(ContextDbMove.nextSteps(MoveArguments.parse("inventory", "--to=schema"), configured, false))
                .isEqualTo("""
                Next: stop what still runs on the old configuration, and set
                  context-db.contexts.inventory.strategy=schema
                and remove context-db.contexts.inventory.datasource.*
                then start the application: the context's migrations are all applied there, none will run.
                """);
    }

    private static void copyClass(Class<?> type, Path classes) throws IOException {
        String path = type.getName().replace('.', '/') + ".class";
        Path file = classes.resolve(path);
        Files.createDirectories(file.getParent());
        try (InputStream in = type.getClassLoader().getResourceAsStream(path)) {
            Files.write(file, in.readAllBytes());
        }
    }

    /** An application class without a main, as a test's configuration or a consumer without one has. */
    @SpringBootConfiguration
    static class ConfigurationWithoutMain {
    }

    /** A second application class, as a build with two would have. */
    @SpringBootConfiguration
    static class SecondApplication {

        public static void main(String[] args) {
            throw new AssertionError("never run");
        }
    }
}
