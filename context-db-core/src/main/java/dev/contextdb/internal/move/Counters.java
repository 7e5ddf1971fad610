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
 * serial columns, MariaDB's {@code AUTO_INCREMENT}; and the context's sequences behind no column. A copy writes the keys it reads and never
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

    /**
     * Sets a sequence of the context's own, behind no column (PostgreSQL's {@code create sequence},
     * MariaDB's {@code SEQUENCE}), to where the source's stands: PostgreSQL its last value and
     * whether it was drawn; MariaDB the next value it would hand out without its cache, so that no
     * value the source handed out comes again.
     * @return what it was set to, or {@code null} when the target has no such sequence
     */
    static String syncSequence(Vendor vendor, Connection source, String sourceSchema, Connection target,
            String targetSchema, String sequence) throws SQLException {
        String from = vendor.quote(sourceSchema) + "." + vendor.quote(sequence);
        String to = vendor.quote(targetSchema) + "." + vendor.quote(sequence);
        if (vendor == Vendor.MARIADB) {
            try (PreparedStatement exists = target.prepareStatement("select 1 from information_schema.tables"
                    + " where table_schema = ? and table_name = ? and table_type = 'SEQUENCE'")) {
                exists.setString(1, targetSchema);
                exists.setString(2, sequence);
                try (ResultSet row = exists.executeQuery()) {
                    if (!row.next()) {
                        return null;
                    }
                }
            }
            long next;
            try (Statement query = source.createStatement();
                    ResultSet row = query.executeQuery("select next_not_cached_value from " + from)) {
                row.next();
                next = row.getLong(1);
            }
            try (Statement alter = target.createStatement()) {
                // A number read from the server, not text: nothing to quote.
                alter.execute("alter sequence " + to + " restart with " + next);
            }
            return "next value " + next;
        }
        try (PreparedStatement exists = target.prepareStatement("select to_regclass(?)")) {
            exists.setString(1, to);
            try (ResultSet row = exists.executeQuery()) {
                row.next();
                if (row.getString(1) == null) {
                    return null;
                }
            }
        }
        long last;
        boolean called;
        try (Statement query = source.createStatement();
                ResultSet row = query.executeQuery("select last_value, is_called from " + from)) {
            row.next();
            last = row.getLong(1);
            called = row.getBoolean(2);
        }
        try (PreparedStatement set = target.prepareStatement("select setval(?::regclass, ?, ?)")) {
            set.setString(1, to);
            set.setLong(2, last);
            set.setBoolean(3, called);
            set.execute();
        }
        return called ? "last value " + last : "not used yet";
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
