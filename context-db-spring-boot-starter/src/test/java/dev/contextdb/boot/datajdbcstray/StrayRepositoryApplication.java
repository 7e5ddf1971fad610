package dev.contextdb.boot.datajdbcstray;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/** Context parcels has an aggregate; a repository of it lies outside every context. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class StrayRepositoryApplication {
}
