package dev.contextdb.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** The PostgreSQL the benchmarks use: {@code CONTEXTDB_POSTGRES_URL/_USER/_PASSWORD}, as the tests. */
final class Postgres {

    static final String URL = env("CONTEXTDB_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = env("CONTEXTDB_POSTGRES_USER", "postgres");
    static final String PASSWORD = env("CONTEXTDB_POSTGRES_PASSWORD", "");

    private Postgres() {
    }

    static String uniquePrefix() {
        return "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
    }

    /**
     * @param url a JDBC URL
     * @param properties connection properties, {@code name=value} pairs
     * @return the URL with the properties added
     */
    static String withProperties(String url, String... properties) {
        StringBuilder result = new StringBuilder(url);
        for (String property : properties) {
            result.append(result.indexOf("?") < 0 ? '?' : '&').append(property);
        }
        return result.toString();
    }

    /**
     * @param url a JDBC URL
     * @param options server options for every session, as {@code -c name=value}
     * @return the URL with the options added (the driver's {@code options} property)
     */
    static String withOptions(String url, String options) {
        return withProperties(url, "options=" + URLEncoder.encode(options, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    static HikariDataSource pool(String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(URL);
        config.setUsername(USER);
        config.setPassword(PASSWORD);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        return new HikariDataSource(config);
    }

    static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
