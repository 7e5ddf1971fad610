package dev.contextdb.internal;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * Finds JDBC drivers through the application's class loader rather than {@link DriverManager}
 * alone: {@code DriverManager} only hands a driver to code of the class loader that registered it,
 * which fails where applications run in class loaders of their own (build plugins, application
 * servers, several applications in one JVM).
 */
public final class Drivers {

    private Drivers() {
    }

    /**
     * @param url a JDBC URL
     * @param classLoader the application's class loader
     * @return a driver that accepts the URL
     * @throws SQLException when none does
     */
    public static Driver forUrl(String url, ClassLoader classLoader) throws SQLException {
        for (Driver driver : ServiceLoader.load(Driver.class, classLoader)) {
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
    public static Connection connect(String url, String username, String password, ClassLoader classLoader)
            throws SQLException {
        Properties properties = new Properties();
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        Connection connection = forUrl(url, classLoader).connect(url, properties);
        if (connection == null) {
            throw new SQLException("No JDBC driver accepts the URL");
        }
        return connection;
    }
}
