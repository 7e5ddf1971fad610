package dev.contextdb.benchmarks;

import dev.contextdb.benchmarks.TransactionalServiceBenchmark.Database;
import dev.contextdb.benchmarks.boot.jpa.contextdb.ContextDbJpaApplication;
import dev.contextdb.benchmarks.boot.jpa.contextdb.ledger.LedgerService;
import dev.contextdb.benchmarks.boot.jpa.plain.PlainJpaApplication;
import dev.contextdb.benchmarks.boot.jpa.plain.PlainLedgerService;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * A {@code @Transactional} Spring Data JPA service, a save and a find by id in one transaction,
 * called through a whole Spring Boot application: once with the starter (context {@code ledger},
 * {@code SCHEMA}, its entity manager factory and {@code JpaTransactionManager} made by context-db,
 * no persistence configuration in the application), once in a plain Boot JPA application with
 * Boot's single DataSource, entity manager factory and transaction manager. As in
 * {@link TransactionalServiceBenchmark}, both applications run in every trial, each on a HikariCP
 * pool of {@value TransactionalServiceBenchmark#CONNECTIONS} connections pinned to a schema of its
 * own, dropped at the end; {@code sideBySide} runs them at the same time, one thread each.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(3)
@State(Scope.Benchmark)
public class JpaServiceBenchmark {

    /** As {@link TransactionalServiceBenchmark#database}: {@code postgresql}, {@code postgresql-async} or {@code h2}. */
    @Param({"postgresql", "postgresql-async", "h2"})
    public String database;

    private String contextDbSchema;
    private String plainSchema;
    private Database contextDbDatabase;
    private Database plainDatabase;
    private ConfigurableApplicationContext contextDbApp;
    private ConfigurableApplicationContext plainApp;
    private LedgerService contextDbService;
    private PlainLedgerService plainService;

    /** The id each calling thread saved last, which its next call finds. */
    @State(Scope.Thread)
    public static class Previous {
        long contextDb;
        long plain;
    }

    @Setup(Level.Trial)
    public void start() {
        String prefix = Postgres.uniquePrefix();
        contextDbSchema = prefix + "ledger";
        plainSchema = prefix + "plain";
        contextDbDatabase = Database.of(database, prefix + "contextdb");
        plainDatabase = Database.of(database, prefix + "plain");
        if (database.equals("h2")) {
            plainDatabase = plainDatabase.creatingSchema(plainSchema);
        }
        contextDbApp = startContextDb(contextDbDatabase, contextDbSchema);
        contextDbService = contextDbApp.getBean(LedgerService.class);
        plainApp = startPlain(plainDatabase, plainSchema);
        plainService = plainApp.getBean(PlainLedgerService.class);
    }

    /**
     * @param database where the data lives
     * @param schema the context's schema
     * @return the context-db application: context {@code ledger} in {@code schema}
     */
    static ConfigurableApplicationContext startContextDb(Database database, String schema) {
        Map<String, Object> contextDb = new LinkedHashMap<>();
        contextDb.put("context-db.base-packages", "dev.contextdb.benchmarks.boot.jpa.contextdb");
        contextDb.put("context-db.strategy", "schema");
        contextDb.put("context-db.datasource.url", database.url());
        contextDb.put("context-db.datasource.username", database.user());
        contextDb.put("context-db.datasource.password", database.password());
        contextDb.put("context-db.pool.maximum-pool-size", TransactionalServiceBenchmark.CONNECTIONS);
        contextDb.put("context-db.pool.minimum-idle", TransactionalServiceBenchmark.CONNECTIONS);
        contextDb.put("context-db.contexts.ledger.schema", schema);
        contextDb.put("spring.jpa.hibernate.ddl-auto", "none");
        return BootApplications.run(ContextDbJpaApplication.class, contextDb);
    }

    /**
     * @param database where the data lives
     * @param schema the schema Boot's DataSource and Flyway are pinned to
     * @return the plain Boot JPA application
     */
    static ConfigurableApplicationContext startPlain(Database database, String schema) {
        Map<String, Object> plain = new LinkedHashMap<>();
        plain.put("context-db.enabled", false);
        plain.put("spring.datasource.url", database.url());
        plain.put("spring.datasource.username", database.user());
        plain.put("spring.datasource.password", database.password());
        plain.put("spring.datasource.hikari.maximum-pool-size", TransactionalServiceBenchmark.CONNECTIONS);
        plain.put("spring.datasource.hikari.minimum-idle", TransactionalServiceBenchmark.CONNECTIONS);
        plain.put("spring.datasource.hikari.schema", schema);
        plain.put("spring.flyway.schemas", schema);
        plain.put("spring.flyway.default-schema", schema);
        plain.put("spring.flyway.locations", "classpath:db/migration/ledger");
        // Flyway owns the schema, as with context-db (Boot would otherwise create-drop on H2).
        plain.put("spring.jpa.hibernate.ddl-auto", "none");
        plain.put("spring.jpa.open-in-view", false);
        return BootApplications.run(PlainJpaApplication.class, plain);
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
                TransactionalServiceBenchmark.shutdown(contextDbDatabase);
                TransactionalServiceBenchmark.shutdown(plainDatabase);
            } else {
                Postgres.execute("drop schema if exists " + contextDbSchema + " cascade");
                Postgres.execute("drop schema if exists " + plainSchema + " cascade");
            }
        }
    }

    /** Baseline: the plain Boot JPA application's service. */
    @Benchmark
    public long plainBoot(Previous previous) {
        long id = plainService.post(previous.plain, previous.plain);
        previous.plain = Math.abs(id);
        return id;
    }

    /** The same service in bounded context {@code ledger}, its JPA wired by the starter. */
    @Benchmark
    public long contextDb(Previous previous) {
        long id = contextDbService.post(previous.contextDb, previous.contextDb);
        previous.contextDb = Math.abs(id);
        return id;
    }

    /** Both applications at the same time, one thread each: the plain application's thread. */
    @Benchmark
    @Group("sideBySide")
    @GroupThreads(1)
    public long sideBySidePlainBoot(Previous previous) {
        return plainBoot(previous);
    }

    /** The context-db application's thread of {@link #sideBySidePlainBoot}'s group. */
    @Benchmark
    @Group("sideBySide")
    @GroupThreads(1)
    public long sideBySideContextDb(Previous previous) {
        return contextDb(previous);
    }
}
