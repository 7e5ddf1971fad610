package dev.contextdb.boot.jpa;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * Two bounded contexts on JPA, shipping (an identity id) and stock (a sequence id), plus code
 * outside both; no persistence configuration at all.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
@ComponentScan
public class JpaShopApplication {
}
