package dev.contextdb.internal.move;

import dev.contextdb.internal.Vendor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;

/**
 * A table's row count and checksum, computed by the server that holds it: the sum, over the rows,
 * of the first 60 bits of the MD5 of the row's text (PostgreSQL: {@code ROW(…)::text}; MariaDB:
 * {@code CONCAT_WS} of each column's {@code QUOTE}, which tells {@code NULL} from {@code 'NULL'}).
 * A sum does not depend on the order of the rows, so neither server sorts; with the count it tells
 * a missing, extra or changed row with certainty short of a 60-bit collision. Both ends run the
 * same expression over the same columns, as both are the same database product.
 *
 * @param rows the table's rows
 * @param checksum the sum, in decimal
 */
record RowChecksum(long rows, String checksum) {

    static RowChecksum of(Connection connection, Vendor vendor, TableShape table, TableShape columnsOf)
            throws SQLException {
        String sql = switch (vendor) {
            case POSTGRESQL -> "select count(*), coalesce(sum(('x' || substr(md5(row("
                    + columnsOf.columnList(vendor) + ")::text), 1, 15))::bit(60)::bigint), 0)::text from "
                    + table.qualified(vendor);
            case MARIADB -> "select count(*), cast(coalesce(sum(cast(conv(substr(md5(concat_ws('|', "
                    + columnsOf.columns().stream().map(column -> "quote(" + vendor.quote(column) + ")")
                            .collect(Collectors.joining(", "))
                    + ")), 1, 15), 16, 10) as unsigned)), 0) as char) from " + table.qualified(vendor);
            case H2 -> throw new IllegalArgumentException("H2 is no end of a move");
        };
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return new RowChecksum(row.getLong(1), row.getString(2));
        }
    }
}
