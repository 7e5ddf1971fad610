package dev.contextdb.test;

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
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A real database server (or embedded H2) for tests: connection settings from the environment,
 * unique names for what a test creates, and clean-up of all of it.
 *
 * <p>When PostgreSQL or MariaDB cannot be reached (connection refused or timed out), a test fails
 * under {@code CI=true} and is skipped otherwise, with a message that says how to start the
 * server. Any other connection failure (a wrong password, an unknown database) fails the test:
 * skipping would hide a broken set-up behind a green build.
 *
 * <pre>{@code
 * try (TestDatabase db = TestDatabase.postgres()) {
 *     String schema = db.createSchema();         // dropped by close()
 *     ...
 * }
 * }</pre>
 */
public final class TestDatabase implements AutoCloseable {

    /** The vendors the tests run on. */
    public enum Kind { H2, POSTGRESQL, MARIADB }

    private static final Pattern PLAIN = Pattern.compile("[a-z0-9_]+");

    private final Kind kind;
    private final String url;
    private final String username;
    private final String password;
    private final Deque<String> cleanup = new ArrayDeque<>();
    private Connection admin;
    private boolean closed;

    /** Not connected yet: {@link #postgres()}, {@link #mariadb()} and {@link #h2()} connect. */
    TestDatabase(Kind kind, String url, String username, String password) {
        this.kind = kind;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    /** @return the PostgreSQL of {@code CONTEXTDB_POSTGRES_URL/_USER/_PASSWORD} (default 127.0.0.1:5432, postgres, db test) */
    public static TestDatabase postgres() {
        return reachable(new TestDatabase(Kind.POSTGRESQL,
                env("CONTEXTDB_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
                env("CONTEXTDB_POSTGRES_USER", "postgres"), env("CONTEXTDB_POSTGRES_PASSWORD", "")),
                "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start");
    }

    /** @return the MariaDB of {@code CONTEXTDB_MARIADB_URL/_USER/_PASSWORD} (default 127.0.0.1:3306, root, db test) */
    public static TestDatabase mariadb() {
        return reachable(new TestDatabase(Kind.MARIADB,
                env("CONTEXTDB_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test"),
                env("CONTEXTDB_MARIADB_USER", "root"), env("CONTEXTDB_MARIADB_PASSWORD", "")),
                "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd");
    }

    /** @return a fresh in-memory H2 database of its own */
    public static TestDatabase h2() {
        return new TestDatabase(Kind.H2, h2Url(uniqueName("h2")), "sa", "");
    }

    /** @return a database of the given kind */
    public static TestDatabase of(Kind kind) {
        return switch (kind) {
            case H2 -> h2();
            case POSTGRESQL -> postgres();
            case MARIADB -> mariadb();
        };
    }

    /** @return a name no other test run uses, for example {@code cdb_orders_1a2b3c4d} */
    public static String uniqueName(String prefix) {
        return "cdb_" + prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static String h2Url(String database) {
        return "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1";
    }

    public Kind kind() {
        return kind;
    }

    public String url() {
        return url;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** @return the URL of another database on the same server (H2: another in-memory database) */
    public String urlOf(String database) {
        requirePlain(database);
        return switch (kind) {
            case H2 -> h2Url(database);
            default -> url.replaceFirst("^(jdbc:[a-z]+://[^/]+/)[^?;]*", "$1" + database);
        };
    }

    /** @return the URL of the shared database whose default schema is {@code schema} (MariaDB: that database) */
    public String urlWithDefaultSchema(String schema) {
        requirePlain(schema);
        return switch (kind) {
            case H2 -> url + ";SCHEMA=" + schema.toUpperCase(Locale.ROOT);
            case POSTGRESQL -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            case MARIADB -> urlOf(schema);
        };
    }

    /** Creates a uniquely named schema (MariaDB: database) for a SHARED run, dropped on close. */
    public String createSchema(String prefix) {
        String name = uniqueName(prefix);
        // H2 folds unquoted names to upper case, and so does its SCHEMA= URL setting.
        String ddl = kind == Kind.MARIADB ? "create database " + name : "create schema " + name;
        execute(ddl);
        dropLater(kind == Kind.MARIADB ? "database " + name : "schema " + name);
        return name;
    }

    /** Creates a uniquely named database (H2: in-memory database), dropped on close; returns its name. */
    public String createDatabase(String prefix) {
        String name = uniqueName(prefix);
        switch (kind) {
            case H2 -> {
                try {
                    Connection keepAlive = DriverManager.getConnection(h2Url(name), "sa", "");
                    cleanup.push("h2:" + name);
                    keepAlive.close();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            case POSTGRESQL, MARIADB -> {
                execute("create database " + name);
                dropLater("database " + name);
            }
        }
        return name;
    }

    /** Registers a schema created by the code under test (by name), to drop on close. */
    public void dropSchemaLater(String schema) {
        requirePlain(schema);
        dropLater(kind == Kind.MARIADB ? "database " + schema : "schema " + quoteIfH2(schema));
    }

    /** Registers a database created by the code under test (by name), to drop on close. */
    public void dropDatabaseLater(String database) {
        requirePlain(database);
        dropLater("database " + database);
    }

    /** Registers a role (MariaDB: user) created by the code under test, to drop with what it owns on close. */
    public void dropRoleLater(String role) {
        requirePlain(role);
        cleanup.push("role:" + role);
    }

    private String quoteIfH2(String schema) {
        return kind == Kind.H2 ? "\"" + schema + "\"" : schema;
    }

    private void dropLater(String what) {
        cleanup.push(what);
    }

    /** Runs a statement as the admin user on the base database. */
    public void execute(String sql) {
        try (Statement statement = admin().createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** @return the first column of every row, as strings */
    public List<String> queryStrings(String sql) {
        return queryStrings(admin(), sql);
    }

    /** @return the first column of every row of a query on another database of this server */
    public List<String> queryStringsIn(String database, String sql) {
        try (Connection connection = DriverManager.getConnection(urlOf(database), username, password)) {
            return queryStrings(connection, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static List<String> queryStrings(Connection connection, String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * @return the lower-cased names of the base tables in {@code schema} (MariaDB: database), from
     *         the database's own catalog
     */
    public List<String> tablesIn(String schema) {
        return queryStrings("select lower(table_name) from information_schema.tables where lower(table_schema) = '"
                + requirePlain(schema) + "' and table_type in ('BASE TABLE', 'TABLE') order by 1");
    }

    /** @return the lower-cased names of the base tables in another database's default schema */
    public List<String> tablesInDatabase(String database) {
        String schemaFilter = switch (kind) {
            case POSTGRESQL -> "table_schema = 'public'";
            case MARIADB -> "table_schema = '" + requirePlain(database) + "'";
            case H2 -> "table_schema = 'PUBLIC'";
        };
        return queryStringsIn(database, "select lower(table_name) from information_schema.tables where "
                + schemaFilter + " and table_type in ('BASE TABLE', 'TABLE') order by 1");
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> failures = new ArrayList<>();
        while (!cleanup.isEmpty()) {
            String what = cleanup.pop();
            try {
                if (what.startsWith("role:")) {
                    String role = what.substring(5);
                    if (kind == Kind.POSTGRESQL) {
                        if (!queryStrings("select 1 from pg_roles where rolname = '" + role + "'").isEmpty()) {
                            execute("drop owned by " + role + " cascade");
                            execute("drop role " + role);
                        }
                    } else {
                        execute("drop user if exists '" + role + "'@'%'");
                    }
                } else if (what.startsWith("h2:")) {
                    try (Connection connection = DriverManager.getConnection(h2Url(what.substring(3)), "sa", "");
                            Statement statement = connection.createStatement()) {
                        statement.execute("shutdown");
                    }
                } else if (kind == Kind.POSTGRESQL && what.startsWith("database ")) {
                    execute("drop database if exists " + what.substring(9) + " with (force)");
                } else {
                    execute("drop " + what.replaceFirst(" ", " if exists ") + (kind == Kind.MARIADB || what.startsWith("database") ? "" : " cascade"));
                }
            } catch (RuntimeException | SQLException e) {
                failures.add(what + ": " + e.getMessage());
            }
        }
        try {
            if (admin != null) {
                if (kind == Kind.H2) {
                    try (Statement statement = admin.createStatement()) {
                        statement.execute("shutdown");
                    }
                }
                admin.close();
            }
        } catch (SQLException e) {
            failures.add("close: " + e.getMessage());
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("Clean-up failed: " + failures);
        }
    }

    private Connection admin() {
        try {
            if (admin == null || admin.isClosed()) {
                admin = login();
            }
            return admin;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The admin connection, given up after 5 s without an answer: a server that accepts the TCP
     * connection and says nothing would otherwise hang the test run (PostgreSQL's driver ignores
     * {@link DriverManager#setLoginTimeout} in favour of its own default, no timeout).
     */
    private Connection login() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        switch (kind) {
            case POSTGRESQL -> {
                properties.setProperty("loginTimeout", "5");
                properties.setProperty("connectTimeout", "5");
            }
            case MARIADB -> properties.setProperty("connectTimeout", "5000");
            case H2 -> { }
        }
        return DriverManager.getConnection(url, properties);
    }

    private static String requirePlain(String name) {
        if (!PLAIN.matcher(name).matches()) {
            throw new IllegalArgumentException("Test names are plain: " + name);
        }
        return name;
    }

    private static TestDatabase reachable(TestDatabase database, String startCommand) {
        return connect(database, startCommand, "true".equalsIgnoreCase(System.getenv("CI")));
    }

    /**
     * Opens the admin connection. Only a server that cannot be reached (connection refused, or no
     * answer in time) skips the test, or fails it when {@code ci}; anything else the server says
     * (a wrong password, an unknown database or user) is a mistake in the settings and fails
     * every time.
     */
    static TestDatabase connect(TestDatabase database, String startCommand, boolean ci) {
        String prefix = "CONTEXTDB_" + (database.kind == Kind.POSTGRESQL ? "POSTGRES" : "MARIADB");
        try {
            database.admin = database.login();
            return database;
        } catch (SQLException e) {
            if (!unreachable(e)) {
                throw new IllegalStateException(database.kind + " at " + database.url + " refused user '"
                        + database.username + "' (SQLSTATE " + e.getSQLState() + ", error " + e.getErrorCode() + ": "
                        + e.getMessage() + "). The server is up, so the settings are wrong: check " + prefix + "_URL, "
                        + prefix + "_USER and " + prefix + "_PASSWORD.", e);
            }
            String message = database.kind + " is not reachable at " + database.url + " (" + e.getMessage()
                    + "). Start it with: " + startCommand + " — or point " + prefix + "_URL at a running server.";
            if (ci) {
                throw new AssertionError(message + " Under CI=true an unreachable server fails the test.", e);
            }
            Assumptions.abort(message);
            return database;
        }
    }

    /**
     * @return whether nothing answered: a refused connection or a socket timeout somewhere in
     *     the cause chain (both drivers wrap them in a connection exception, SQLSTATE class 08), or
     *     PostgreSQL's own login timeout ("Connection attempt timed out.", 08001), which has no cause
     */
    static boolean unreachable(SQLException failure) {
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
