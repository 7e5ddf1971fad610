package dev.contextdb.benchmarks.boot.startup;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The application {@link dev.contextdb.benchmarks.BootStartupBenchmark} starts: auto-configuration
 * only, no beans of its own. Its contexts are those under {@code n1}, {@code n10} or {@code n50}
 * (each a package per context, {@code startup01}, {@code startup02}, ...), chosen by
 * {@code context-db.base-packages}; each context has one migration in
 * {@code db/migration/startupNN}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class StartupApplication {
}
