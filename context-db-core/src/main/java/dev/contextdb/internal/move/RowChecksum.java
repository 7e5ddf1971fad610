package dev.contextdb.internal.move;

import dev.contextdb.internal.Vendor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;

/**
 * A table's row count and checksum, computed by the server that holds it: the sum, over the rows,
 * of a 64-bit hash of the row's text. PostgreSQL: {@code hashtextextended(ROW(…)::text, 0)}, its
 * own 64-bit text hash; MariaDB: the first 60 bits of the MD5 of {@code CONCAT_WS} of each
 * column's {@code QUOTE} (which tells {@code NULL} from {@code 'NULL'}). A sum does not depend on
 * the order of the rows, so neither server sorts; with the count it tells a missing, extra or
 * changed row short of a hash collision. Both ends run the same expression over the same columns,
 * as both are the same database product. Measured on 800,000 rows of PostgreSQL: 0.9 s, against
 * 2.0 s for the sum of MD5s and 7.6 s for the MD5 of the ordered {@code string_agg} of MD5s.
 *
 * @param rows the table's rows
 * @param checksum the sum, in decimal
 */
record RowChecksum(long rows, String checksum) {

    static RowChecksum of(Connection connection, Vendor vendor, TableShape table, TableShape columnsOf)
            throws SQLException {
        String sql = switch (vendor) {
            case POSTGRESQL -> "select count(*), coalesce(sum(hashtextextended(row(" + columnsOf.columnList(vendor)
                    + ")::text, 0)), 0)::text from " + table.qualified(vendor);
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
