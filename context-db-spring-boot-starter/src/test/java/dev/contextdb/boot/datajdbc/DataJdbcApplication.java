package dev.contextdb.boot.datajdbc;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * A small Spring Data JDBC application of two bounded contexts, orders and catalog: aggregates,
 * repositories and services, and no persistence configuration at all.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
@ComponentScan
public class DataJdbcApplication {
}
