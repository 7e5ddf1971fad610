package dev.contextdb.internal;

import com.zaxxer.hikari.HikariConfig;
import dev.contextdb.DatabaseVendor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * What differs between the supported databases: how identifiers are quoted, what a schema is
 * (MariaDB: a database), how a connection is pinned to or switched to a schema. Every identifier
 * passes {@link Identifiers#check} before it is quoted here; nothing is concatenated raw.
 *
 * <p>Longer than most files here: each operation has a case per database, and keeping the three
 * side by side is what lets a reader check that they do the same thing.
 */
public enum Vendor {

    POSTGRESQL(DatabaseVendor.POSTGRESQL, '"', 63) {
        @Override
        String switchStatement(String schema) {
            // One round trip; Connection.setSchema through a pool costs three (see DESIGN.md).
            return "SET search_path TO " + quote(schema);
        }

        @Override
        public void pin(HikariConfig config, String schema) {
            // In the URL, pgjdbc's currentSchema: a startup parameter, the session's own default.
            // HikariCP's schema setting would be a SET in the first borrower's transaction when the
            // pool hands out connections with auto-commit off, undone if that transaction rolls back.
            config.setJdbcUrl(withParameter(config.getJdbcUrl(), "currentSchema",
                    URLEncoder.encode(quote(schema), StandardCharsets.UTF_8)));
        }

        @Override
        boolean maySwitchSchema(String sql) {
            // SET [SESSION] search_path, set_config('search_path', …), SET SCHEMA 'x', RESET ALL, DISCARD ALL.
            return (containsIgnoreCase(sql, "search_path") || containsIgnoreCase(sql, "schema")
                    || containsIgnoreCase(sql, "reset") || containsIgnoreCase(sql, "discard"))
                    && POSTGRESQL_SWITCH.matcher(sql).find();
        }

        @Override
        public String sessionSchema(Connection connection) throws SQLException {
            // The whole path, not just its first schema: restoring it must restore "$user", public too.
            return queryString(connection, "select current_setting('search_path')");
        }

        @Override
        public void restoreSessionSchema(Connection connection, String saved) throws SQLException {
            try (PreparedStatement restore = connection.prepareStatement("select set_config('search_path', ?, false)")) {
                restore.setString(1, saved);
                restore.execute();
            }
        }
    },

    MARIADB(DatabaseVendor.MARIADB, '`', 64) {
        @Override
        String switchStatement(String schema) {
            return "USE " + quote(schema);
        }

        @Override
        String createStatement(String schema) {
            return "CREATE DATABASE IF NOT EXISTS " + quote(schema);
        }

        @Override
        boolean exists(Connection connection, String schema) throws SQLException {
            try (ResultSet catalogs = connection.getMetaData().getCatalogs()) {
                while (catalogs.next()) {
                    if (schema.equals(catalogs.getString(1))) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public void pin(HikariConfig config, String schema) {
            // For MariaDB a schema is a database: the catalog, in JDBC terms.
            config.setCatalog(schema);
        }

        @Override
        boolean maySwitchSchema(String sql) {
            // USE db, as a statement of its own or one of several; stored programs may not contain USE.
            return containsIgnoreCase(sql, "use") && MARIADB_SWITCH.matcher(sql).find();
        }

        @Override
        public String sessionSchema(Connection connection) throws SQLException {
            return connection.getCatalog();
        }

        @Override
        public void restoreSessionSchema(Connection connection, String saved) throws SQLException {
            if (saved == null) {
                throw new SQLException("The connection was on no database before it was moved, and MariaDB cannot"
                        + " leave a database once one is chosen");
            }
            connection.setCatalog(saved);
        }

        @Override
        public String connectionUrl(String url, String schema) {
            // Connections open on the context's database, so a user granted only that one can log in.
            java.util.regex.Matcher matcher = MARIADB_URL.matcher(url);
            return matcher.matches() ? matcher.group(1) + "/" + schema + matcher.group(3) : url;
        }
    },

    H2(DatabaseVendor.H2, '"', 256) {
        @Override
        String switchStatement(String schema) {
            return "SET SCHEMA " + quote(schema);
        }

        @Override
        public void pin(HikariConfig config, String schema) {
            config.setSchema(schema);
        }

        @Override
        boolean maySwitchSchema(String sql) {
            // SET SCHEMA x, SET SCHEMA_SEARCH_PATH x.
            return containsIgnoreCase(sql, "schema") && H2_SWITCH.matcher(sql).find();
        }

        @Override
        public String sessionSchema(Connection connection) throws SQLException {
            return connection.getSchema();
        }

        @Override
        public void restoreSessionSchema(Connection connection, String saved) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                // H2 reports schema names as stored; quoted, they are taken as they are.
                statement.execute("SET SCHEMA " + quote(saved));
            }
        }
    };

    private static final java.util.regex.Pattern POSTGRESQL_SWITCH = java.util.regex.Pattern.compile(
            "search_path|\\bset\\s+(?:session\\s+)?schema\\b|\\breset\\s+all\\b|\\bdiscard\\s+all\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE);
    private static final java.util.regex.Pattern MARIADB_SWITCH = java.util.regex.Pattern.compile(
            "(?:^|;)\\s*(?:(?:/\\*.*?\\*/|(?:--|#)[^\\n]*\\n)\\s*)*use\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL);
    private static final java.util.regex.Pattern H2_SWITCH = java.util.regex.Pattern.compile(
            "\\bset\\s+schema(?:_search_path)?\\b", java.util.regex.Pattern.CASE_INSENSITIVE);

    private static final java.util.regex.Pattern MARIADB_URL =
            java.util.regex.Pattern.compile("^(jdbc:(?:mariadb|mysql):(?:[a-z]+:)?//[^/?]*)(/[^?;]*)?(.*)$");

    private final DatabaseVendor database;
    private final char quote;
    private final int maxIdentifierLength;

    Vendor(DatabaseVendor database, char quote, int maxIdentifierLength) {
        this.database = database;
        this.quote = quote;
        this.maxIdentifierLength = maxIdentifierLength;
    }

    /**
     * The one mapping between the public vendor and its SQL behaviour; every supported database is
     * both, so a public vendor without a constant here fails the first time it is placed.
     * @param database a database product
     * @return its SQL behaviour
     */
    public static Vendor of(DatabaseVendor database) {
        for (Vendor vendor : values()) {
            if (vendor.database == database) {
                return vendor;
            }
        }
        throw new IllegalArgumentException("No SQL behaviour for " + database);
    }

    /** @return the public vendor, as placements report it */
    public DatabaseVendor database() {
        return database;
    }

    /**
     * @param jdbcUrl a JDBC URL
     * @return the vendor, or {@code null} when the URL is of no supported database
     */
    public static Vendor fromUrl(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            return MARIADB;
        }
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        return null;
    }

    /** @return the vendor's name for people */
    public String displayName() {
        return database.displayName();
    }

    /** @return the longest identifier the vendor accepts */
    public int maxIdentifierLength() {
        return maxIdentifierLength;
    }

    /**
     * @param identifier an identifier that passed {@link Identifiers#check}
     * @return the identifier quoted for this vendor
     */
    public String quote(String identifier) {
        if (identifier.indexOf(quote) >= 0) {
            // Identifiers.check refuses quotes; this guards against a caller that skipped it.
            throw new IllegalArgumentException("Identifier contains a quote character: " + identifier);
        }
        return quote + identifier + quote;
    }

    /** @return {@code url} with the query parameter {@code name} set to {@code value}, replacing any */
    static String withParameter(String url, String name, String value) {
        int query = url.indexOf('?');
        StringJoiner parameters = new StringJoiner("&");
        if (query >= 0) {
            for (String parameter : url.substring(query + 1).split("&")) {
                if (!parameter.isEmpty() && !parameter.startsWith(name + "=") && !parameter.equals(name)) {
                    parameters.add(parameter);
                }
            }
        }
        parameters.add(name + "=" + value);
        return (query >= 0 ? url.substring(0, query) : url) + "?" + parameters;
    }

    /**
     * Whether a statement may move its connection to another schema (PostgreSQL: change its
     * {@code search_path}). A cheap test first, a pattern only where it passes; a false positive
     * costs two round trips, a false negative would let a connection leave on another schema.
     * @param sql a statement's text
     * @return whether it may change the connection's schema
     */
    abstract boolean maySwitchSchema(String sql);

    /**
     * @param connection a connection
     * @return what decides where its unqualified names resolve, to hand to {@link #restoreSessionSchema}
     */
    public abstract String sessionSchema(Connection connection) throws SQLException;

    /** Puts a connection back where {@link #sessionSchema} found it. */
    public abstract void restoreSessionSchema(Connection connection, String saved) throws SQLException;

    static boolean containsIgnoreCase(String text, String lowerCaseWord) {
        int last = text.length() - lowerCaseWord.length();
        char first = lowerCaseWord.charAt(0);
        for (int i = 0; i <= last; i++) {
            if ((text.charAt(i) | 0x20) == first && text.regionMatches(true, i, lowerCaseWord, 0, lowerCaseWord.length())) {
                return true;
            }
        }
        return false;
    }

    private static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    /** Pins every connection of a pool to {@code schema} when the connection is created. */
    public abstract void pin(HikariConfig config, String schema);

    abstract String switchStatement(String schema);

    /**
     * @param url the database's URL
     * @param schema a checked schema name
     * @return the URL for connections pinned to {@code schema}
     */
    public String connectionUrl(String url, String schema) {
        return url;
    }

    String createStatement(String schema) {
        return "CREATE SCHEMA IF NOT EXISTS " + quote(schema);
    }

    boolean exists(Connection connection, String schema) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        try (ResultSet schemas = metaData.getSchemas(null, null)) {
            while (schemas.next()) {
                if (schema.equals(schemas.getString("TABLE_SCHEM"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Creates the schema (MariaDB: the database) unless it exists; checking first lets a user
     * without the right to create schemas start against schemas made for it.
     * @return whether it was created
     */
    public boolean createIfMissing(Connection connection, String schema) throws SQLException {
        if (exists(connection, schema)) {
            return false;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(createStatement(schema));
        }
        return true;
    }

    /**
     * Switches a connection to {@code schema} in one round trip. The switch is committed at once
     * where the connection is not in auto-commit, because PostgreSQL would undo a {@code SET} with
     * the rollback of the borrower's transaction.
     */
    public void switchTo(Connection connection, String schema) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(switchStatement(schema));
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }
}
