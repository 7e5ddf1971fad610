package dev.contextdb.test.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Four contexts for the slice's tests: catalog (JPA), inventory (JdbcClient), orders (Spring Data
 * JDBC, reads catalog, publishes OrderPlaced), shipping (JdbcClient, listens to OrderPlaced).
 */
@SpringBootApplication
public class SliceApplication {
}
