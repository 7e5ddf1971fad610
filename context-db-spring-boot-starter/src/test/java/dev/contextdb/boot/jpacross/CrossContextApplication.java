package dev.contextdb.boot.jpacross;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/** Contexts buying and crm, where buying's entity maps a relationship to crm's. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class CrossContextApplication {
}
