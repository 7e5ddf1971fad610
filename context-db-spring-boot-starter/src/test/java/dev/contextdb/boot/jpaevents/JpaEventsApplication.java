package dev.contextdb.boot.jpaevents;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Two contexts: parcels saves a JPA entity and publishes, tracking listens. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
@ComponentScan
public class JpaEventsApplication {
}
