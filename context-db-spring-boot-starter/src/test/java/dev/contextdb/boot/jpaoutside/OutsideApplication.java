package dev.contextdb.boot.jpaoutside;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/** Context inside, and an entity outside every context. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class OutsideApplication {
}
