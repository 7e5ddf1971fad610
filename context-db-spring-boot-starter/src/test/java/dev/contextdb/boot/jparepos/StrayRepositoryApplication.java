package dev.contextdb.boot.jparepos;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/** Context owner has an entity; a repository of it lies outside every context. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class StrayRepositoryApplication {
}
