package dev.contextdb.benchmarks.boot.events;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application of {@link dev.contextdb.benchmarks.EventPublishingBenchmark}: context
 * {@code evorders} places orders and publishes {@code OrderPlaced}, context {@code evaudit}
 * listens to it. Its component and context scans stay inside this package.
 */
@SpringBootApplication(scanBasePackages = "dev.contextdb.benchmarks.boot.events")
public class ContextDbEventsApplication {
}
