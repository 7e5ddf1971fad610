package com.example.consumer;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A database for the check: embedded H2, or the PostgreSQL and MariaDB the project's own tests use
 * ({@code CONTEXTDB_POSTGRES_URL/_USER/_PASSWORD}, {@code CONTEXTDB_MARIADB_…}; default 127.0.0.1,
 * postgres or root, database test). Uniquely named schemas and databases, dropped on close. A
 * server that cannot be reached skips the test with a message, and fails it under {@code CI=true}.
 *
 * <p>The check keeps this small copy of the project's {@code TestDatabase} rather than depend on
 * core's test-jar: it is built from what a user gets, and no user gets that jar.
 */
public final class Server implements AutoCloseable {

    public enum Vendor { H2, POSTGRESQL, MARIADB }

    private final Vendor vendor;
    private final String url;
    private final String username;
    private final String password;
    private final Connection admin;
    private final Deque<String> cleanup = new ArrayDeque<>();

    private Server(Vendor vendor, String url, String username, String password) throws SQLException {
        this.vendor = vendor;
        this.url = url;
        this.username = username;
        this.password = password;
        this.admin = login(url);
    }

    public static Server connect(Vendor vendor) {
        String prefix = vendor == Vendor.POSTGRESQL ? "CONTEXTDB_POSTGRES" : "CONTEXTDB_MARIADB";
        String url = switch (vendor) {
            case H2 -> "jdbc:h2:mem:" + uniqueName("h2") + ";DB_CLOSE_DELAY=-1";
            case POSTGRESQL -> env(prefix + "_URL", "jdbc:postgresql://127.0.0.1:5432/test");
            case MARIADB -> env(prefix + "_URL", "jdbc:mariadb://127.0.0.1:3306/test");
        };
        String username = switch (vendor) {
            case H2 -> "sa";
            case POSTGRESQL -> env(prefix + "_USER", "postgres");
            case MARIADB -> env(prefix + "_USER", "root");
        };
        String password = vendor == Vendor.H2 ? "" : env(prefix + "_PASSWORD", "");
        try {
            return new Server(vendor, url, username, password);
        } catch (SQLException e) {
            if (!unreachable(e)) {
                throw new IllegalStateException(vendor + " at " + url + " refused user '" + username + "': "
                        + e.getMessage() + ". The server is up, so check " + prefix + "_URL, _USER and _PASSWORD.", e);
            }
            String message = vendor + " is not reachable at " + url + " (" + e.getMessage() + "): start it, or point "
                    + prefix + "_URL at a running server.";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message + " Under CI=true an unreachable server fails the check.", e);
            }
            Assumptions.abort(message);
            throw new AssertionError("unreachable");
        }
    }

    static String uniqueName(String prefix) {
        return "cc_" + prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    Vendor vendor() {
        return vendor;
    }

    String url() {
        return url;
    }

    List<String> credentials(String prefix) {
        return List.of(prefix + "username=" + username, prefix + "password=" + password);
    }

    /** A schema (MariaDB: a database) to share, created now; dropped on close. Not on H2: its PUBLIC schema serves. */
    String createSchema() {
        String name = uniqueName("shared");
        execute((vendor == Vendor.MARIADB ? "create database " : "create schema ") + name);
        cleanup.push(vendor == Vendor.MARIADB ? "drop database " + name : "drop schema " + name + " cascade");
        return name;
    }

    /** The URL on which {@code schema} is the default (MariaDB: that database). */
    String urlWithDefaultSchema(String schema) {
        return switch (vendor) {
            case H2 -> throw new UnsupportedOperationException("H2 shares its PUBLIC schema in this check");
            case POSTGRESQL -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            case MARIADB -> urlOf(schema);
        };
    }

    /** A schema (MariaDB: database) context-db will create: dropped on close. */
    String schemaToBeCreated(String context) {
        String name = uniqueName(context);
        cleanup.push(switch (vendor) {
            case H2 -> "";     // dropped with the in-memory database
            case POSTGRESQL -> "drop schema if exists " + name + " cascade";
            case MARIADB -> "drop database if exists " + name;
        });
        return name;
    }

    /** A database of its own (H2: another in-memory database), created now; dropped on close. */
    String createDatabase(String context) {
        String name = uniqueName(context);
        switch (vendor) {
            case H2 -> cleanup.push("h2:" + name);
            case POSTGRESQL -> {
                execute("create database " + name);
                cleanup.push("drop database if exists " + name + " with (force)");
            }
            case MARIADB -> {
                execute("create database " + name);
                cleanup.push("drop database if exists " + name);
            }
        }
        return name;
    }

    String urlOf(String database) {
        return vendor == Vendor.H2 ? "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1"
                : url.replaceFirst("^(jdbc:[a-z]+://[^/]+/)[^?;]*", "$1" + database);
    }

    /** The first column of each row, on the base database, or on {@code database} when not null. */
    List<String> query(String database, String sql) {
        try {
            if (database == null) {
                return query(admin, sql);
            }
            try (Connection connection = login(urlOf(database))) {
                return query(connection, sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static List<String> query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private void execute(String sql) {
        try (Statement statement = admin.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        List<String> failures = new ArrayList<>();
        while (!cleanup.isEmpty()) {
            String what = cleanup.pop();
            try {
                if (what.startsWith("h2:")) {
                    try (Connection connection = login(urlOf(what.substring(3)));
                            Statement statement = connection.createStatement()) {
                        statement.execute("shutdown");
                    }
                } else if (!what.isEmpty()) {
                    execute(what);
                }
            } catch (RuntimeException | SQLException e) {
                failures.add(what + ": " + e.getMessage());
            }
        }
        try (admin) {
            if (vendor == Vendor.H2) {
                execute("shutdown");
            }
        } catch (RuntimeException | SQLException e) {
            failures.add("close: " + e.getMessage());
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("Clean-up failed: " + failures);
        }
    }

    /** Gives up after 5 s: a server that accepts the connection and says nothing must not hang the build. */
    private Connection login(String jdbcUrl) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        switch (vendor) {
            case POSTGRESQL -> {
                properties.setProperty("loginTimeout", "5");
                properties.setProperty("connectTimeout", "5");
            }
            case MARIADB -> properties.setProperty("connectTimeout", "5000");
            case H2 -> { }
        }
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    private static boolean unreachable(SQLException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return "08001".equals(failure.getSQLState()) && failure.getCause() == null
                && String.valueOf(failure.getMessage()).contains("timed out");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
