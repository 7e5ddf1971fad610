package dev.contextdb.internal.move;

import dev.contextdb.internal.Vendor;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * PostgreSQL to PostgreSQL: {@code COPY … TO STDOUT} at the source streamed, row by row as the
 * server sends them, into {@code COPY … FROM STDIN} at the target, through a 64 KiB buffer: the
 * same protocol {@code pg_dump | psql} uses.
 * Loaded only for PostgreSQL, where pgjdbc is on the class path.
 */
final class PostgresRowCopy extends RowCopy {

    /** Rows between two reports to the counter. */
    private static final int REPORT_ROWS = 100_000;

    /**
     * The binary format where both servers are of one major version: the target then neither
     * parses numbers and times from text nor the source prints them (20% less time on the
     * benchmark's rows); between versions the text format, which every version reads.
     */
    private static boolean binary(Connection source, Connection target) throws SQLException {
        return source.getMetaData().getDatabaseMajorVersion() == target.getMetaData().getDatabaseMajorVersion();
    }

    static boolean available(Connection source, Connection target) {
        try {
            return source.isWrapperFor(PGConnection.class) && target.isWrapperFor(PGConnection.class);
        } catch (SQLException | LinkageError e) {
            return false;
        }
    }

    @Override
    long copy(Connection source, Connection target, TableShape from, TableShape to, Counter counter)
            throws SQLException {
        Vendor vendor = Vendor.POSTGRESQL;
        String columns = to.columnList(vendor);
        String format = binary(source, target) ? " (FORMAT binary)" : "";
        CopyOut out = source.unwrap(PGConnection.class).getCopyAPI()
                .copyOut("COPY " + from.qualified(vendor) + " (" + columns + ") TO STDOUT" + format);
        CopyIn in = target.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + to.qualified(vendor) + " (" + columns + ") FROM STDIN" + format);
        long rows;
        try (PGCopyOutputStream stream = new PGCopyOutputStream(in, 1 << 16)) {
            byte[] row;
            long messages = 0;
            while ((row = out.readFromCopy()) != null) {
                stream.write(row);
                // One message per row (binary: and the header and trailer), near enough for progress.
                if (++messages % REPORT_ROWS == 0) {
                    counter.copied(messages);
                }
            }
            rows = stream.endCopy();
        } catch (java.io.IOException e) {
            throw new SQLException("Copying " + from.name() + " failed: " + e.getMessage(), e);
        } finally {
            if (out.isActive()) {
                out.cancelCopy();
            }
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
        counter.copied(rows);
        return rows;
    }
}
