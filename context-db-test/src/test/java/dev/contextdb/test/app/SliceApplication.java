package dev.contextdb.test.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Three contexts for the slice's tests: catalog (JPA), inventory (JdbcClient), orders (Spring Data
 * JDBC, reads catalog).
 */
@SpringBootApplication
public class SliceApplication {
}
