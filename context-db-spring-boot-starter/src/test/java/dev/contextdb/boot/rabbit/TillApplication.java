package dev.contextdb.boot.rabbit;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The publishing application: the till context alone. */
@Configuration(proxyBeanMethods = false)
@ComponentScan("dev.contextdb.boot.rabbit.till")
public class TillApplication {
}
