package dev.contextdb.boot.jparepos2;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/** Context owner has an entity; context empty, which has none, declares a repository of it. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class MisplacedRepositoryApplication {
}
