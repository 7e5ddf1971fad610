package dev.contextdb.boot;

import dev.contextdb.ContextModel;
import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Where the starter looks for bounded contexts: {@code context-db.base-packages}, else the
 * application's auto-configuration packages. The one place both the activation condition and the
 * bean registration ask, so they cannot disagree.
 */
final class ContextModels {

    static final String BASE_PACKAGES = "context-db.base-packages";

    private ContextModels() {
    }

    static List<String> basePackages(Environment environment, BeanFactory beanFactory) {
        List<String> configured = Binder.get(environment).bind(BASE_PACKAGES, Bindable.listOf(String.class))
                .orElse(List.of());
        if (!configured.isEmpty()) {
            return configured;
        }
        return beanFactory != null && AutoConfigurationPackages.has(beanFactory)
                ? AutoConfigurationPackages.get(beanFactory) : List.of();
    }

    static ContextModel scan(Environment environment, BeanFactory beanFactory, ClassLoader classLoader) {
        return ContextModel.scan(classLoader, basePackages(environment, beanFactory));
    }
}
