package dev.contextdb.internal.move;

import dev.contextdb.internal.Vendor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counters that hand out a table's next key: PostgreSQL's sequences behind identity and
 * serial columns, MariaDB's {@code AUTO_INCREMENT}. A copy writes the keys it reads and never
 * draws from the target's counters, which the target's migrations may even have advanced for
 * their seed rows; after the copy each counter is set to where the source's stands.
 */
final class Counters {

    private Counters() {
    }

    /**
     * @return one line per counter set, for example {@code "item.id: 10002"}
     */
    static Map<String, String> sync(Vendor vendor, Connection source, Connection target, TableShape from, TableShape to)
            throws SQLException {
        return vendor == Vendor.MARIADB ? autoIncrement(source, target, from, to) : sequences(source, target, from, to);
    }

    private static Map<String, String> sequences(Connection source, Connection target, TableShape from, TableShape to)
            throws SQLException {
        Map<String, String> synced = new LinkedHashMap<>();
        Map<String, String> sourceSequences = sequencesOf(source, from);
        for (Map.Entry<String, String> column : sequencesOf(target, to).entrySet()) {
            String sourceSequence = sourceSequences.get(column.getKey());
            if (sourceSequence == null) {
                continue;
            }
            Long last = null;
            try (PreparedStatement query = source.prepareStatement("select pg_sequence_last_value(?::regclass)")) {
                query.setString(1, sourceSequence);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    long value = row.getLong(1);
                    last = row.wasNull() ? null : value;
                }
            }
            String sql = last == null
                    // Never drawn from at the source: the target's starts afresh too.
                    ? "select setval(?::regclass, seqstart, false) from pg_sequence where seqrelid = ?::regclass"
                    : "select setval(?::regclass, ?, true)";
            try (PreparedStatement set = target.prepareStatement(sql)) {
                set.setString(1, column.getValue());
                if (last == null) {
                    set.setString(2, column.getValue());
                } else {
                    set.setLong(2, last);
                }
                set.execute();
            }
            synced.put(to.name() + "." + column.getKey(), last == null ? "not used yet" : "last value " + last);
        }
        return synced;
    }

    /** The sequence behind each identity or serial column of a table, by column. */
    private static Map<String, String> sequencesOf(Connection connection, TableShape table) throws SQLException {
        Map<String, String> sequences = new LinkedHashMap<>();
        String qualified = table.qualified(Vendor.POSTGRESQL);
        try (PreparedStatement query = connection.prepareStatement("select a.attname, pg_get_serial_sequence(?, a.attname)"
                + " from pg_attribute a where a.attrelid = ?::regclass and a.attnum > 0 and not a.attisdropped")) {
            query.setString(1, qualified);
            query.setString(2, qualified);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (rows.getString(2) != null) {
                        sequences.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
        }
        return sequences;
    }

    private static Map<String, String> autoIncrement(Connection source, Connection target, TableShape from,
            TableShape to) throws SQLException {
        Long next = null;
        try (PreparedStatement query = source.prepareStatement("select auto_increment from information_schema.tables"
                + " where table_schema = ? and table_name = ?")) {
            query.setString(1, from.schema());
            query.setString(2, from.name());
            try (ResultSet row = query.executeQuery()) {
                if (row.next()) {
                    long value = row.getLong(1);
                    next = row.wasNull() ? null : value;
                }
            }
        }
        if (next == null) {
            return Map.of();
        }
        try (Statement alter = target.createStatement()) {
            // A number read from the server, not text: nothing to quote.
            alter.execute("alter table " + to.qualified(Vendor.MARIADB) + " auto_increment = " + next);
        }
        return Map.of(to.name(), "auto_increment " + next);
    }
}
