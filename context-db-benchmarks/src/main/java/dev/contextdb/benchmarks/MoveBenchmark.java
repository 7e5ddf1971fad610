package dev.contextdb.benchmarks;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import dev.contextdb.ContextMove;
import dev.contextdb.IsolationStrategy;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moving one context's rows to another PostgreSQL database: {@link ContextMove} ({@code SCHEMA →
 * DATABASE}: the target database created and migrated, the rows copied, counted and checksummed
 * at both ends, the counters set, the target checked to start clean) against
 * {@code pg_dump -n <schema> | psql <new database>} of the same schema, in the same run,
 * alternating which goes first. A plain program with repeated trials rather than JMH: one trial
 * is seconds long and half of it is another process.
 *
 * <pre>
 * java -cp context-db-benchmarks/target/benchmarks.jar dev.contextdb.benchmarks.MoveBenchmark [rows] [trials]
 * </pre>
 *
 * The context {@code stock} has two tables: {@code product} (a fifth of the rows) and
 * {@code movement} (the rest, each pointing at a product). Prints each trial and the medians.
 */
public final class MoveBenchmark {

    private static final Pattern URL = Pattern.compile("^jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]*).*$");

    /** {@code -Dcontextdb.move.verbose=true}: print the move's progress, with the time since it started. */
    private static final boolean VERBOSE = Boolean.getBoolean("contextdb.move.verbose");

    private final String prefix = Postgres.uniquePrefix();
    private final String shared = prefix + "shared";
    private final String schema = prefix + "stock";
    private final ContextModel model = ContextModel.of(ContextDefinition.of("stock", "dev.contextdb.benchmarks.stock"));

    /** One trial's times, in milliseconds. */
    record Trial(long move, long dump) {
        double ratio() {
            return (double) move / dump;
        }
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Trial> results = new MoveBenchmark().run(rows, trials, System.out::println);
        System.out.println(summary(results));
    }

    /**
     * Creates the source, runs the trials, drops everything.
     * @return one result per trial
     */
    List<Trial> run(long rows, int trials, java.util.function.Consumer<String> out) throws Exception {
        Postgres.execute("create database " + shared);
        try {
            populate(rows);
            List<Trial> results = new ArrayList<>();
            for (int trial = 0; trial < trials; trial++) {
                long move;
                long dump;
                if (trial % 2 == 0) {
                    move = move(trial);
                    dump = dump(trial);
                } else {
                    dump = dump(trial);
                    move = move(trial);
                }
                Trial result = new Trial(move, dump);
                results.add(result);
                out.accept(String.format(Locale.ROOT, "trial %d: move %d ms, pg_dump | psql %d ms, ratio %.2f",
                        trial + 1, move, dump, result.ratio()));
            }
            return results;
        } finally {
            Postgres.execute("drop database if exists " + shared + " with (force)");
        }
    }

    static String summary(List<Trial> results) {
        List<Long> moves = new ArrayList<>(results.stream().map(Trial::move).toList());
        List<Long> dumps = new ArrayList<>(results.stream().map(Trial::dump).toList());
        List<Double> ratios = new ArrayList<>(results.stream().map(Trial::ratio).toList());
        Collections.sort(moves);
        Collections.sort(dumps);
        Collections.sort(ratios);
        return String.format(Locale.ROOT, "median: move %d ms, pg_dump | psql %d ms, ratio of medians %.2f,"
                + " median ratio %.2f (min %.2f, max %.2f)", moves.get(moves.size() / 2), dumps.get(dumps.size() / 2),
                (double) moves.get(moves.size() / 2) / dumps.get(dumps.size() / 2), ratios.get(ratios.size() / 2),
                ratios.get(0), ratios.get(ratios.size() - 1));
    }

    private ContextDb.Builder configuration() {
        return ContextDb.builder(model).strategy(IsolationStrategy.SCHEMA)
                .datasource(urlOf(shared), Postgres.USER, Postgres.PASSWORD)
                .pool("maximumPoolSize", "2")
                .context("stock", c -> c.schema(schema).migrationLocations("classpath:db/move-benchmark/stock"));
    }

    private void populate(long rows) throws SQLException {
        try (ContextDb db = configuration().build(); Connection connection = db.dataSource("stock").getConnection();
                Statement statement = connection.createStatement()) {
            long products = Math.max(1, rows / 5);
            statement.execute("insert into product (name, price, created) select 'product ' || g, (g % 1000) * 1.25,"
                    + " timestamp '2026-01-01' + g * interval '1 second' from generate_series(1, " + products + ") g");
            statement.execute("insert into movement (product_id, quantity, note, moved_at) select 1 + g % " + products
                    + ", g % 50, case when g % 5 = 0 then null else 'movement ' || g end,"
                    + " timestamp '2026-01-01' + g * interval '1 second' from generate_series(1, " + (rows - products)
                    + ") g");
            statement.execute("analyze product");
            statement.execute("analyze movement");
        }
    }

    private long move(int trial) throws SQLException {
        String database = prefix + "moved" + trial;
        try {
            long start = System.nanoTime();
            ContextMove.of(configuration(), "stock", target -> target.strategy(IsolationStrategy.DATABASE).schema(null)
                    .datasource(urlOf(database), Postgres.USER, Postgres.PASSWORD)).run(VERBOSE
                            ? line -> System.out.println((System.nanoTime() - start) / 1_000_000 + " ms " + line)
                            : line -> { });
            return (System.nanoTime() - start) / 1_000_000;
        } finally {
            Postgres.execute("drop database if exists " + database + " with (force)");
        }
    }

    private long dump(int trial) throws SQLException, IOException, InterruptedException {
        String database = prefix + "dumped" + trial;
        try {
            Matcher url = url();
            long start = System.nanoTime();
            Postgres.execute("create database " + database);
            ProcessBuilder pipe = new ProcessBuilder("bash", "-c", "set -o pipefail; pg_dump -h \"$H\" -p \"$P\" -U \"$U\""
                    + " -n \"$S\" \"$SRC\" | psql -q -v ON_ERROR_STOP=1 -h \"$H\" -p \"$P\" -U \"$U\" \"$DST\" > /dev/null");
            pipe.environment().put("H", url.group(1));
            pipe.environment().put("P", url.group(2) == null ? "5432" : url.group(2));
            pipe.environment().put("U", Postgres.USER);
            pipe.environment().put("S", schema);
            pipe.environment().put("SRC", shared);
            pipe.environment().put("DST", database);
            if (!Postgres.PASSWORD.isEmpty()) {
                pipe.environment().put("PGPASSWORD", Postgres.PASSWORD);
            }
            pipe.redirectErrorStream(true);
            Process process = pipe.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("pg_dump | psql failed: " + output);
            }
            return (System.nanoTime() - start) / 1_000_000;
        } finally {
            Postgres.execute("drop database if exists " + database + " with (force)");
        }
    }

    /** @return whether {@code pg_dump} and {@code psql} are on the path */
    static boolean toolsAvailable() {
        try {
            Process process = new ProcessBuilder("bash", "-c", "command -v pg_dump && command -v psql")
                    .redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Matcher url() {
        Matcher matcher = URL.matcher(Postgres.URL);
        if (!matcher.matches()) {
            throw new IllegalStateException("Not a PostgreSQL URL with host and database: " + Postgres.URL);
        }
        return matcher;
    }

    private static String urlOf(String database) {
        return Postgres.URL.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
    }

    static boolean reachable() {
        try (Connection connection = DriverManager.getConnection(Postgres.URL, Postgres.USER, Postgres.PASSWORD)) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
