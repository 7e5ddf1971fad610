package dev.contextdb.boot;

import dev.contextdb.ContextEvents;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.DependsOn;

/**
 * Metrics of the events between contexts, when Micrometer has a {@link MeterRegistry}: per
 * listener, tagged {@code context} and {@code listener},
 *
 * <pre>
 * contextdb.events.pending             gauge    deliveries waiting in the outboxes
 * contextdb.events.oldest.pending.age  gauge    seconds since the oldest pending event was published
 * contextdb.events.dead                gauge    dead deliveries, waiting for a resubmit
 * contextdb.events.delivered           counter  deliveries completed by this instance
 * contextdb.events.failed              counter  failed attempts in this instance
 * </pre>
 *
 * The gauges count the outboxes at most once per {@code context-db.events.metrics-refresh} (5 s).
 */
@AutoConfiguration(after = ContextDbEventsAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({MeterRegistry.class, ContextEvents.class})
public final class ContextDbEventsMetricsAutoConfiguration {

    ContextDbEventsMetricsAutoConfiguration() {
    }

    /**
     * Registers the meters once the delivery has started: the listeners are known from then on.
     * Depending on the delivery's lifecycle makes Spring start that one first.
     */
    @Bean
    @DependsOn("contextEventsDelivery")
    SmartLifecycle contextEventsMetrics(ContextEvents events, MeterRegistry registry, ContextDbProperties properties) {
        ContextEventsMetrics metrics = new ContextEventsMetrics(events, properties.getEvents().getMetricsRefresh());
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                if (!running) {
                    metrics.bindTo(registry);
                    running = true;
                }
            }

            @Override
            public void stop() {
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}
