package dev.contextdb.boot;

import dev.contextdb.ContextModel;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.Environment;

/**
 * Where the starter looks for bounded contexts: {@code context-db.base-packages}, else the
 * application's auto-configuration packages. The one place both the activation condition and the
 * bean registration ask, so they cannot disagree; and the class path is scanned once per
 * application for both (each scan reads every class file under the base packages: a twentieth of
 * a one-context application's start-up, profiled).
 */
final class ContextModels {

    /** For messages: {@link ContextDbProperties#getBasePackages()}. */
    static final String BASE_PACKAGES = ContextDbProperties.PREFIX + ".base-packages";

    /** The last scan of each application, until its bean factory is gone. */
    private static final Map<BeanFactory, Scan> SCANS = new WeakHashMap<>();

    private ContextModels() {
    }

    static List<String> basePackages(Environment environment, BeanFactory beanFactory) {
        List<String> configured = ContextDbProperties.bind(environment).getBasePackages();
        if (!configured.isEmpty()) {
            return configured;
        }
        return beanFactory != null && AutoConfigurationPackages.has(beanFactory)
                ? AutoConfigurationPackages.get(beanFactory) : List.of();
    }

    /**
     * Where the move command looks, which has no bean factory: {@code context-db.base-packages},
     * else the packages the application class registers as auto-configuration packages, as
     * {@code @SpringBootApplication} does (its {@code @AutoConfigurationPackage}'s packages, else
     * its own).
     */
    static List<String> basePackages(Environment environment, Class<?> application) {
        List<String> configured = ContextDbProperties.bind(environment).getBasePackages();
        if (!configured.isEmpty() || application == null) {
            return configured;
        }
        MergedAnnotation<AutoConfigurationPackage> annotation = MergedAnnotations
                .from(application, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY).get(AutoConfigurationPackage.class);
        Set<String> packages = new LinkedHashSet<>();
        if (annotation.isPresent()) {
            packages.addAll(List.of(annotation.getStringArray("basePackages")));
            for (Class<?> type : annotation.getClassArray("basePackageClasses")) {
                packages.add(type.getPackageName());
            }
        }
        if (packages.isEmpty()) {
            packages.add(application.getPackageName());
        }
        return List.copyOf(packages);
    }

    static ContextModel scan(Environment environment, BeanFactory beanFactory, ClassLoader classLoader) {
        return scan(basePackages(environment, beanFactory), beanFactory, classLoader);
    }

    /** The contexts in {@code packages}, scanned anew unless this application scanned the same already. */
    static ContextModel scan(List<String> packages, BeanFactory beanFactory, ClassLoader classLoader) {
        if (beanFactory == null) {
            return ContextModel.scan(classLoader, packages);
        }
        synchronized (SCANS) {
            Scan last = SCANS.get(beanFactory);
            if (last != null && last.classLoader() == classLoader && last.packages().equals(packages)) {
                return last.model();
            }
        }
        ContextModel model = ContextModel.scan(classLoader, packages);
        synchronized (SCANS) {
            SCANS.put(beanFactory, new Scan(classLoader, List.copyOf(packages), model));
        }
        return model;
    }

    private record Scan(ClassLoader classLoader, List<String> packages, ContextModel model) {
    }
}
