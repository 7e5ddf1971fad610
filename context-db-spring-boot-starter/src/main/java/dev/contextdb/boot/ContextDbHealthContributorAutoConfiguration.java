package dev.contextdb.boot;

import dev.contextdb.ContextDb;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health per context when Boot's health support is present: a {@code contextDb} composite with one
 * child per context, each checking a connection of that context's own DataSource, so one context's
 * unreachable database shows as that context DOWN while the others stay UP.
 *
 * <pre>
 * GET /actuator/health/contextDb  →  {"status":"DOWN","components":{"billing":{"status":"DOWN",...},"orders":{"status":"UP",...}}}
 * </pre>
 *
 * Switch it off with {@code management.health.contextdb.enabled=false}.
 */
@AutoConfiguration(after = ContextDbAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, DataSourceHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(ContextDb.class)
public final class ContextDbHealthContributorAutoConfiguration {

    ContextDbHealthContributorAutoConfiguration() {
    }

    /** Nested: the enablement condition's class exists only where Boot's health support does. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("contextdb")
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "contextDbHealthContributor")
        CompositeHealthContributor contextDbHealthContributor(ContextDb contextDb) {
            Map<String, HealthIndicator> contexts = new LinkedHashMap<>();
            for (String context : contextDb.model().names()) {
                contexts.put(context, new DataSourceHealthIndicator(contextDb.dataSource(context)));
            }
            return CompositeHealthContributor.fromMap(contexts);
        }
    }
}
