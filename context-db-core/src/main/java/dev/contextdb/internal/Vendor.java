package dev.contextdb.internal;

import com.zaxxer.hikari.HikariConfig;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * What differs between the supported databases: how identifiers are quoted, what a schema is
 * (MariaDB: a database), how a connection is pinned to or switched to a schema. Every identifier
 * passes {@link Identifiers#check} before it is quoted here; nothing is concatenated raw.
 */
public enum Vendor {

    POSTGRESQL("PostgreSQL", '"', 63) {
        @Override
        String switchStatement(String schema) {
            // One round trip; Connection.setSchema through a pool costs three (see DESIGN.md).
            return "SET search_path TO " + quote(schema);
        }

        @Override
        public void pin(HikariConfig config, String schema) {
            config.setSchema(schema);
        }
    },

    MARIADB("MariaDB", '`', 64) {
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
        public String connectionUrl(String url, String schema) {
            // Connections open on the context's database, so a user granted only that one can log in.
            java.util.regex.Matcher matcher = MARIADB_URL.matcher(url);
            return matcher.matches() ? matcher.group(1) + "/" + schema + matcher.group(3) : url;
        }
    },

    H2("H2", '"', 256) {
        @Override
        String switchStatement(String schema) {
            return "SET SCHEMA " + quote(schema);
        }

        @Override
        public void pin(HikariConfig config, String schema) {
            config.setSchema(schema);
        }
    };

    private static final java.util.regex.Pattern MARIADB_URL =
            java.util.regex.Pattern.compile("^(jdbc:(?:mariadb|mysql):(?:[a-z]+:)?//[^/?]*)(/[^?;]*)?(.*)$");

    private final String displayName;
    private final char quote;
    private final int maxIdentifierLength;

    Vendor(String displayName, char quote, int maxIdentifierLength) {
        this.displayName = displayName;
        this.quote = quote;
        this.maxIdentifierLength = maxIdentifierLength;
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
        return displayName;
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
