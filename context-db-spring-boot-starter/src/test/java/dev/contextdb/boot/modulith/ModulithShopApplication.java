package dev.contextdb.boot.modulith;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * A Spring Modulith application: two modules declared with {@code @ApplicationModule} only, JPA
 * entities and repositories in each, migrations in Modulith's folders ({@code db/migration/<module>}).
 * No {@code @BoundedContext}, no persistence configuration.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
@ComponentScan
public class ModulithShopApplication {
}
