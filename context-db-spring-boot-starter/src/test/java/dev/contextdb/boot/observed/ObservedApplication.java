package dev.contextdb.boot.observed;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Two contexts for the events' metrics and endpoint: till publishes, ledger listens twice. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
@ComponentScan
public class ObservedApplication {
}
