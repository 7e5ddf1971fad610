package dev.contextdb.internal.move;

import dev.contextdb.internal.Vendor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;

/**
 * Copies one table's rows from the source to the target, in the target connection's transaction
 * (the caller commits, with the journal's record of the table). PostgreSQL to PostgreSQL streams
 * {@code COPY … TO STDOUT} into {@code COPY … FROM STDIN}, as {@code pg_dump | psql} does
 * ({@link PostgresRowCopy}); anything else reads a forward-only result set and writes batches of
 * multi-row {@code INSERT}s, committed every {@link #COMMIT_ROWS} rows.
 */
abstract class RowCopy {

    /** Rows per multi-row {@code INSERT}. */
    static final int INSERT_ROWS = 500;
    /** Rows per transaction of a copy by {@code INSERT} (a table interrupted half-way is emptied and copied again). */
    static final int COMMIT_ROWS = 50_000;

    /** Told the number of rows copied so far, now and then. */
    interface Counter {
        void copied(long rows);
    }

    /**
     * @param from the table at the source
     * @param to the table at the target; its columns are the ones copied
     * @return the rows copied
     */
    abstract long copy(Connection source, Connection target, TableShape from, TableShape to, Counter counter)
            throws SQLException;

    static RowCopy of(Vendor vendor, Connection source, Connection target) {
        if (vendor == Vendor.POSTGRESQL && PostgresRowCopy.available(source, target)) {
            return new PostgresRowCopy();
        }
        return new Inserts(vendor);
    }

    /** Batches of multi-row {@code INSERT}s, over plain JDBC. */
    static final class Inserts extends RowCopy {

        private final Vendor vendor;

        Inserts(Vendor vendor) {
            this.vendor = vendor;
        }

        @Override
        long copy(Connection source, Connection target, TableShape from, TableShape to, Counter counter)
                throws SQLException {
            int width = to.columns().size();
            Object[] values = new Object[INSERT_ROWS * width];
            long rows = 0;
            boolean sourceAutoCommit = source.getAutoCommit();
            // PostgreSQL streams a result set only inside a transaction; MariaDB once a fetch size is set.
            source.setAutoCommit(false);
            try (PreparedStatement select = source.prepareStatement("select " + to.columnList(vendor) + " from "
                    + from.qualified(vendor), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
                    PreparedStatement full = target.prepareStatement(insert(to, INSERT_ROWS))) {
                select.setFetchSize(INSERT_ROWS * 4);
                try (ResultSet rs = select.executeQuery()) {
                    int inBatch = 0;
                    while (rs.next()) {
                        for (int column = 0; column < width; column++) {
                            values[inBatch * width + column] = rs.getObject(column + 1);
                        }
                        inBatch++;
                        rows++;
                        if (inBatch == INSERT_ROWS) {
                            execute(full, values, values.length);
                            inBatch = 0;
                            if (rows % COMMIT_ROWS == 0) {
                                target.commit();
                                counter.copied(rows);
                            }
                        }
                    }
                    if (inBatch > 0) {
                        try (PreparedStatement rest = target.prepareStatement(insert(to, inBatch))) {
                            execute(rest, values, inBatch * width);
                        }
                    }
                }
                source.commit();
            } finally {
                source.setAutoCommit(sourceAutoCommit);
            }
            counter.copied(rows);
            return rows;
        }

        private String insert(TableShape to, int rows) {
            String row = "(" + String.join(", ", Collections.nCopies(to.columns().size(), "?")) + ")";
            return "insert into " + to.qualified(vendor) + " (" + to.columnList(vendor) + ") values "
                    + String.join(", ", Collections.nCopies(rows, row));
        }

        private static void execute(PreparedStatement insert, Object[] values, int count) throws SQLException {
            for (int i = 0; i < count; i++) {
                insert.setObject(i + 1, values[i]);
            }
            insert.executeUpdate();
        }
    }
}
