package dev.contextdb.boot.app;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** A small application of two bounded contexts, sales and billing, plus code outside both. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
@ComponentScan
public class ShopApplication {
}
