package dev.contextdb.boot.props;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/**
 * The test application's contexts without its services: base package {@code dev.contextdb.boot.app}
 * (sales, billing), nothing scanned, for tests about beans and properties alone.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage(basePackages = "dev.contextdb.boot.app")
public class ContextsOnly {
}
