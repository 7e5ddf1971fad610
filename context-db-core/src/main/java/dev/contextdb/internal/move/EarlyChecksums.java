package dev.contextdb.internal.move;

import dev.contextdb.internal.MoveEnd;
import dev.contextdb.internal.Vendor;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The verification's checksums, computed while the copy runs, each on a connection and a thread
 * of its own: every source table's from the start of the copy, each target table's as soon as its
 * rows are committed. The verification then compares what is ready instead of reading every table
 * twice more after the copy (on the benchmark's million rows, 1.4 s of 12 saved). A move that is
 * resumed after the copy computes its checksums in the verification itself.
 */
final class EarlyChecksums implements AutoCloseable {

    private final Vendor vendor;
    private final Connection source;
    private final Connection target;
    private final RowChecksum.Form form;
    private final ExecutorService atSource = Executors.newSingleThreadExecutor(daemon("source"));
    private final ExecutorService atTarget = Executors.newSingleThreadExecutor(daemon("target"));
    private final Map<String, CompletableFuture<RowChecksum>> sourceSums = new HashMap<>();
    private final Map<String, CompletableFuture<RowChecksum>> targetSums = new HashMap<>();

    EarlyChecksums(MoveEnd from, MoveEnd to) throws SQLException {
        this.vendor = from.vendor();
        this.source = from.connect();
        Connection opened = null;
        RowChecksum.Form chosen = null;
        try {
            opened = to.connect();
            chosen = vendor == Vendor.POSTGRESQL ? RowChecksum.form(source, opened) : null;
        } catch (SQLException | RuntimeException e) {
            source.close();
            if (opened != null) {
                opened.close();
            }
            throw e;
        }
        this.target = opened;
        this.form = chosen;
    }

    synchronized void source(String table, TableShape from, TableShape columns) {
        sourceSums.put(table, CompletableFuture.supplyAsync(() -> sum(source, from, columns), atSource));
    }

    synchronized void target(String table, TableShape to) {
        targetSums.put(table, CompletableFuture.supplyAsync(() -> sum(target, to, to), atTarget));
    }

    /** @return the source's checksum of a table, or {@code null} when it was not computed early */
    synchronized RowChecksum sourceOf(String table) throws SQLException {
        return join(sourceSums.get(table));
    }

    /** @return the target's checksum of a table, or {@code null} when it was not computed early */
    synchronized RowChecksum targetOf(String table) throws SQLException {
        return join(targetSums.get(table));
    }

    private RowChecksum sum(Connection connection, TableShape table, TableShape columns) {
        try {
            return RowChecksum.of(connection, vendor, table, columns, form);
        } catch (SQLException e) {
            throw new CompletionException(e);
        }
    }

    private static RowChecksum join(CompletableFuture<RowChecksum> sum) throws SQLException {
        if (sum == null) {
            return null;
        }
        try {
            return sum.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String end) {
        return runnable -> {
            Thread thread = new Thread(runnable, "context-db-move-checksum-" + end);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() throws SQLException {
        atSource.shutdownNow();
        atTarget.shutdownNow();
        try {
            source.close();
        } finally {
            target.close();
        }
    }
}
