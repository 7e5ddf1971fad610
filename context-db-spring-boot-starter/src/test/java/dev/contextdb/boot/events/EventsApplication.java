package dev.contextdb.boot.events;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Two contexts: checkout publishes, pantry listens with @ApplicationModuleListener. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
@ComponentScan
public class EventsApplication {
}
