package dev.contextdb.benchmarks;

import dev.contextdb.benchmarks.boot.tx.contextdb.ContextDbPostingsApplication;
import dev.contextdb.benchmarks.boot.tx.contextdb.postings.PostingService;
import dev.contextdb.benchmarks.boot.tx.plain.PlainPostingService;
import dev.contextdb.benchmarks.boot.tx.plain.PlainPostingsApplication;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A {@code @Transactional} service doing an insert and a select in one transaction on PostgreSQL,
 * called through a whole Spring Boot application: once with the starter (one bounded context,
 * {@code SCHEMA}, unqualified {@code JdbcClient} and {@code @Transactional}), once in a plain Boot
 * application with Boot's single DataSource. Both applications run in every trial, each on a
 * HikariCP pool of {@value #CONNECTIONS} connections pinned to a schema of its own for this run;
 * the schemas are dropped at the end.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(3)
@State(Scope.Benchmark)
public class TransactionalServiceBenchmark {

    static final int CONNECTIONS = 4;

    /**
     * Where both applications keep their data: {@code postgresql} (each commit waits for its WAL
     * flush, a disk sync whose time varies from one commit to the next), {@code postgresql-async}
     * (the sessions' {@code synchronous_commit=off}: the disk is left out, the statements and the Java
     * around them are what is timed), or {@code h2}: an in-memory H2 database of each application's
     * own in this JVM, where the database costs little and the Java of the call (Spring's and
     * context-db's) is most of the time.
     */
    @Param({"postgresql", "postgresql-async", "h2"})
    public String database;

    private final AtomicLong ids = new AtomicLong();
    private String contextDbSchema;
    private String plainSchema;
    private Database contextDbDatabase;
    private Database plainDatabase;
    private ConfigurableApplicationContext contextDbApp;
    private ConfigurableApplicationContext plainApp;
    private PostingService contextDbService;
    private PlainPostingService plainService;

    @Setup(Level.Trial)
    public void start() {
        String prefix = Postgres.uniquePrefix();
        contextDbSchema = prefix + "postings";
        plainSchema = prefix + "plain";
        contextDbDatabase = database(prefix + "contextdb");
        plainDatabase = database(prefix + "plain");
        if (database.equals("h2")) {
            // HikariCP's schema setting needs the schema to exist on H2 (PostgreSQL accepts any
            // search_path): a plain application creates it when a connection opens.
            plainDatabase = plainDatabase.creatingSchema(plainSchema);
        }
        contextDbApp = startContextDb(contextDbDatabase, contextDbSchema);
        contextDbService = contextDbApp.getBean(PostingService.class);
        plainApp = startPlain(plainDatabase, plainSchema);
        plainService = plainApp.getBean(PlainPostingService.class);
    }

    private Database database(String name) {
        return Database.of(database, name);
    }

    /** A database the applications connect to. */
    record Database(String url, String user, String password) {

        /**
         * @param kind {@code postgresql}, {@code postgresql-async} or {@code h2}
         * @param name the H2 database's name
         * @return the database
         */
        static Database of(String kind, String name) {
            return switch (kind) {
                case "postgresql" -> postgres(Postgres.URL);
                case "postgresql-async" -> postgres(Postgres.withOptions(Postgres.URL, "-c synchronous_commit=off"));
                case "h2" -> new Database("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
                default -> throw new IllegalArgumentException("database must be postgresql, postgresql-async or h2, was "
                        + kind);
            };
        }

        /**
         * @param schema a schema
         * @return this H2 database, creating {@code schema} when a connection opens (HikariCP's
         *         schema setting needs it to exist on H2; PostgreSQL accepts any search_path)
         */
        Database creatingSchema(String schema) {
            return new Database(url + ";INIT=CREATE SCHEMA IF NOT EXISTS \"" + schema + "\"", user, password);
        }

        static Database postgres(String url) {
            return new Database(url, Postgres.USER, Postgres.PASSWORD);
        }
    }

    /**
     * @param database where the data lives
     * @param schema the context's schema
     * @return the context-db application: context {@code postings} in {@code schema}
     */
    static ConfigurableApplicationContext startContextDb(Database database, String schema) {
        Map<String, Object> contextDb = new LinkedHashMap<>();
        contextDb.put("context-db.base-packages", "dev.contextdb.benchmarks.boot.tx.contextdb");
        contextDb.put("context-db.strategy", "schema");
        contextDb.put("context-db.datasource.url", database.url());
        contextDb.put("context-db.datasource.username", database.user());
        contextDb.put("context-db.datasource.password", database.password());
        contextDb.put("context-db.pool.maximum-pool-size", CONNECTIONS);
        contextDb.put("context-db.pool.minimum-idle", CONNECTIONS);
        contextDb.put("context-db.contexts.postings.schema", schema);
        return start(ContextDbPostingsApplication.class, contextDb);
    }

    /**
     * @param database where the data lives
     * @param schema the schema Boot's DataSource and Flyway are pinned to
     * @return the plain Boot application
     */
    static ConfigurableApplicationContext startPlain(Database database, String schema) {
        Map<String, Object> plain = new LinkedHashMap<>();
        plain.put("context-db.enabled", false);
        plain.put("spring.datasource.url", database.url());
        plain.put("spring.datasource.username", database.user());
        plain.put("spring.datasource.password", database.password());
        plain.put("spring.datasource.hikari.maximum-pool-size", CONNECTIONS);
        plain.put("spring.datasource.hikari.minimum-idle", CONNECTIONS);
        // Pinned the way context-db pins a context's pool: HikariCP's schema setting.
        plain.put("spring.datasource.hikari.schema", schema);
        plain.put("spring.flyway.schemas", schema);
        plain.put("spring.flyway.default-schema", schema);
        plain.put("spring.flyway.locations", "classpath:db/migration/postings");
        return start(PlainPostingsApplication.class, plain);
    }

    private static ConfigurableApplicationContext start(Class<?> application, Map<String, Object> properties) {
        return BootApplications.runWithoutJpa(application, properties);
    }

    @TearDown(Level.Trial)
    public void stop() throws SQLException {
        try {
            if (contextDbApp != null) {
                contextDbApp.close();
            }
            if (plainApp != null) {
                plainApp.close();
            }
        } finally {
            if (database.equals("h2")) {
                shutdown(contextDbDatabase);
                shutdown(plainDatabase);
            } else {
                Postgres.execute("drop schema if exists " + contextDbSchema + " cascade");
                Postgres.execute("drop schema if exists " + plainSchema + " cascade");
            }
        }
    }

    static void shutdown(Database h2) throws SQLException {
        try (Connection connection = DriverManager.getConnection(h2.url(), h2.user(), h2.password());
                Statement statement = connection.createStatement()) {
            statement.execute("shutdown");
        }
    }

    /** Baseline: the plain Boot application's service. */
    @Benchmark
    public long plainBoot() {
        long id = ids.incrementAndGet();
        return plainService.post(id, id);
    }

    /** The same service in bounded context {@code postings}, wired by the starter. */
    @Benchmark
    public long contextDb() {
        long id = ids.incrementAndGet();
        return contextDbService.post(id, id);
    }

    /**
     * Both applications at the same time, one thread each: whatever the machine and PostgreSQL do
     * during the run falls on both alike. The plain application's thread.
     */
    @Benchmark
    @Group("sideBySide")
    @GroupThreads(1)
    public long sideBySidePlainBoot() {
        return plainBoot();
    }

    /** The context-db application's thread of {@link #sideBySidePlainBoot()}'s group. */
    @Benchmark
    @Group("sideBySide")
    @GroupThreads(1)
    public long sideBySideContextDb() {
        return contextDb();
    }
}
