package dev.contextdb.benchmarks;

import dev.contextdb.benchmarks.TransactionCost.Side;
import dev.contextdb.benchmarks.boot.jpa.contextdb.ledger.LedgerService;
import dev.contextdb.benchmarks.boot.jpa.plain.PlainLedgerService;
import java.sql.SQLException;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@link TransactionCost} for {@link JpaServiceBenchmark}'s service (a Spring Data JPA save and a
 * find by id in one transaction): round trips on the driver's socket (exact), bytes allocated and
 * CPU time of the calling thread, wall time; the context-db and the plain Boot JPA application
 * started as in the benchmark and called in alternating blocks, medians of the blocks.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.contextdb.benchmarks.JpaTransactionCost [blocks] [calls per block]
 * }</pre>
 */
public final class JpaTransactionCost {

    private JpaTransactionCost() {
    }

    /**
     * @param args the number of blocks per application (default 20) and of calls per block (default 1000)
     * @throws SQLException if the schemas cannot be dropped
     */
    public static void main(String[] args) throws SQLException {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        TransactionCost.print(measure(blocks, calls), blocks, calls);
    }

    /**
     * Starts both applications, warms them, then calls them in alternating blocks.
     * @param blocks the number of blocks per application
     * @param calls the number of calls per block
     * @return the plain application's measurements, then context-db's
     * @throws SQLException if the schemas cannot be dropped
     */
    static List<Side> measure(int blocks, int calls) throws SQLException {
        String prefix = Postgres.uniquePrefix();
        try (ConfigurableApplicationContext contextDb = JpaServiceBenchmark.startContextDb(
                        TransactionCost.counted("jpa-contextdb"), prefix + "ledger");
                ConfigurableApplicationContext plain = JpaServiceBenchmark.startPlain(
                        TransactionCost.counted("jpa-plain"), prefix + "plain")) {
            LedgerService contextDbService = contextDb.getBean(LedgerService.class);
            PlainLedgerService plainService = plain.getBean(PlainLedgerService.class);
            long[] previous = {0, 0};
            Side plainSide = new Side("plain Spring Boot", "jpa-plain",
                    amount -> previous[0] = found(plainService.post(amount, previous[0]), previous[0]));
            Side contextDbSide = new Side("context-db starter", "jpa-contextdb",
                    amount -> previous[1] = found(contextDbService.post(amount, previous[1]), previous[1]));
            TransactionCost.alternate(plainSide, contextDbSide, blocks, calls);
            return List.of(plainSide, contextDbSide);
        } finally {
            Postgres.execute("drop schema if exists " + prefix + "ledger cascade");
            Postgres.execute("drop schema if exists " + prefix + "plain cascade");
        }
    }

    /**
     * @param id what the service returned: the new entry's id, negated if it found no entry {@code previous}
     * @param previous the entry the call was to find, 0 on the first call
     * @return the new entry's id
     * @throws IllegalStateException if the call did not find the entry the call before saved (its
     *         find would not have read the database, and the round trips would not be comparable)
     */
    private static long found(long id, long previous) {
        if (id < 0 && previous != 0) {
            throw new IllegalStateException("The service found no entry " + previous + ", saved by the call before");
        }
        return Math.abs(id);
    }
}
