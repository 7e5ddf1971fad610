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
 * same protocol {@code pg_dump | psql} uses, in text format (portable between server versions).
 * Loaded only for PostgreSQL, where pgjdbc is on the class path.
 */
final class PostgresRowCopy extends RowCopy {

    /** Rows between two reports to the counter. */
    private static final int REPORT_ROWS = 100_000;

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
        CopyOut out = source.unwrap(PGConnection.class).getCopyAPI()
                .copyOut("COPY " + from.qualified(vendor) + " (" + columns + ") TO STDOUT");
        CopyIn in = target.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + to.qualified(vendor) + " (" + columns + ") FROM STDIN");
        long rows = 0;
        try (PGCopyOutputStream stream = new PGCopyOutputStream(in, 1 << 16)) {
            byte[] row;
            while ((row = out.readFromCopy()) != null) {
                stream.write(row);
                if (++rows % REPORT_ROWS == 0) {
                    counter.copied(rows);
                }
            }
            stream.endCopy();
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
