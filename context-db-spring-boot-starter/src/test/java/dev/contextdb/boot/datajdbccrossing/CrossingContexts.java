package dev.contextdb.boot.datajdbccrossing;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/** Two contexts whose Spring Data JDBC aggregates cross: shipping's Shipment holds billing's Invoice. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class CrossingContexts {
}
