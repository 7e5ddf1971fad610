package dev.contextdb.boot;

import dev.contextdb.ContextDb;
import dev.contextdb.ContextEvents;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link ContextDbEndpoint} (with the events between contexts, when they are on) when Actuator is present and the endpoint is available
 * ({@code management.endpoints.web.exposure.include=contextdb} for HTTP).
 */
@AutoConfiguration(after = ContextDbAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(ContextDb.class)
public final class ContextDbEndpointAutoConfiguration {

    ContextDbEndpointAutoConfiguration() {
    }

    /** Nested: the availability condition's class exists only where Actuator does. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnAvailableEndpoint(ContextDbEndpoint.class)
    static class EndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ContextDbEndpoint contextDbEndpoint(ContextDb contextDb, ObjectProvider<ContextEvents> events) {
            return new ContextDbEndpoint(contextDb, events.getIfAvailable());
        }
    }
}
