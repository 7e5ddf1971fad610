package dev.contextdb.test;

import dev.contextdb.ContextDbConfigurationException;
import dev.contextdb.ContextDefinition;
import dev.contextdb.ContextModel;
import dev.contextdb.boot.ContextDbProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Cuts the application down to one context and the contexts it reads, and places them for this
 * run of the test class. Applied to the application context before it refreshes, when the
 * environment (application properties, {@code @TestPropertySource}, the test's properties) is known:
 * <ul>
 * <li>{@code context-db.base-packages} becomes the packages of the slice's contexts, so the
 *     starter's model, beans, persistence units, repositories and migrations are theirs alone;</li>
 * <li>a {@code TypeExcludeFilter} bean keeps component scanning to the tested context's packages;</li>
 * <li>{@link ContextDbTestPlacement} gives every schema and database a name of this run's own, and
 *     drops them when the application context closes;</li>
 * <li>{@link ContextDbTestEvents} records the events published, and a failed delivery is final
 *     ({@code context-db.events.max-attempts=1}) unless the test sets the property.</li>
 * </ul>
 * One customizer per test class (equality by class), so no two classes share an application
 * context, and so no two share a schema.
 */
final class ContextDbTestSlice implements ContextCustomizer {

    private final Class<?> testClass;
    private final String context;

    private ContextDbTestSlice(Class<?> testClass, String context) {
        this.testClass = testClass;
        this.context = context;
    }

    static ContextCustomizer forTestClass(Class<?> testClass, List<ContextConfigurationAttributes> attributes) {
        ContextDbTest test = ContextDbTestRuns.annotation(testClass);
        return test == null ? null : new ContextDbTestSlice(testClass, test.value());
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext application, MergedContextConfiguration configuration) {
        ConfigurableEnvironment environment = application.getEnvironment();
        ContextDbProperties properties = Binder.get(environment)
                .bindOrCreate("context-db", ContextDbProperties.class);
        ContextModel model = ContextModel.scan(application.getClassLoader(), basePackages(properties, configuration));
        ContextDefinition tested = model.context(context).orElseThrow(() -> new ContextDbConfigurationException(
                context, "@ContextDbTest", testClass.getName() + " tests context '" + context
                        + "', but no package declares it; declared contexts: " + model.names() + ".",
                "name a declared context in @ContextDbTest, or declare @BoundedContext(\"" + context
                        + "\") on the context's package-info.java."));
        List<ContextDefinition> slice = slice(model, tested);

        Map<String, Object> sliceProperties = new LinkedHashMap<>();
        sliceProperties.put("context-db.base-packages",
                String.join(",", slice.stream().map(ContextDefinition::basePackage).toList()));
        ContextDbTestPlacement placement = ContextDbTestPlacement.create(slice, ContextDbTestRuns.current(testClass),
                properties, environment);
        sliceProperties.putAll(placement.properties());
        if (!environment.containsProperty("context-db.events.max-attempts")) {
            // A test's listener fails once: ContextDbTestEvents.deliver reports its error at once,
            // instead of after the retries' backoff. A test of retries sets the property.
            sliceProperties.put("context-db.events.max-attempts", "1");
        }
        environment.getPropertySources().addFirst(new MapPropertySource("contextDbTest", sliceProperties));

        DefaultListableBeanFactory beanFactory = (DefaultListableBeanFactory) application.getBeanFactory();
        beanFactory.registerSingleton("contextDbTestTypeExcludeFilter", new ContextDbTypeExcludeFilter(tested));
        // A registered singleton, also disposable: it drops the run's schemas and databases when the
        // context closes, after the pools (registered later, closed earlier), and also when it fails to start.
        beanFactory.registerSingleton("contextDbTestPlacement", placement);
        beanFactory.registerDisposableBean("contextDbTestPlacement", placement);
        ContextDbTestEvents events = new ContextDbTestEvents(context, beanFactory);
        beanFactory.registerSingleton("contextDbTestEvents", events);
        application.addApplicationListener(events.recorder());
    }

    /** The tested context and every context it reads, directly or through another, in reads order. */
    private static List<ContextDefinition> slice(ContextModel model, ContextDefinition tested) {
        Set<String> names = new LinkedHashSet<>();
        List<ContextDefinition> pending = new ArrayList<>(List.of(tested));
        while (!pending.isEmpty()) {
            ContextDefinition next = pending.remove(pending.size() - 1);
            if (names.add(next.name())) {
                next.reads().forEach(read -> pending.add(model.context(read).orElseThrow()));
            }
        }
        return model.inReadsOrder().stream().filter(definition -> names.contains(definition.name())).toList();
    }

    /**
     * Where the application declares its contexts: {@code context-db.base-packages}, else the
     * packages of its {@code @SpringBootApplication} (as the starter reads Boot's
     * auto-configuration packages, which are not registered yet).
     */
    private List<String> basePackages(ContextDbProperties properties, MergedContextConfiguration configuration) {
        if (!properties.getBasePackages().isEmpty()) {
            return properties.getBasePackages();
        }
        Set<String> packages = new LinkedHashSet<>();
        for (Class<?> type : configuration.getClasses()) {
            MergedAnnotation<AutoConfigurationPackage> annotation = MergedAnnotations
                    .from(type, SearchStrategy.TYPE_HIERARCHY).get(AutoConfigurationPackage.class);
            if (annotation.isPresent()) {
                packages.addAll(List.of(annotation.getStringArray("basePackages")));
                for (Class<?> marker : annotation.getClassArray("basePackageClasses")) {
                    packages.add(marker.getPackageName());
                }
                if (annotation.getStringArray("basePackages").length == 0
                        && annotation.getClassArray("basePackageClasses").length == 0) {
                    packages.add(type.getPackageName());
                }
            }
        }
        if (packages.isEmpty()) {
            throw new ContextDbConfigurationException(context, "context-db.base-packages",
                    testClass.getName() + " found no @SpringBootApplication (nor @AutoConfigurationPackage) to"
                            + " read the bounded contexts from.",
                    "put the test in (or below) the package of the @SpringBootApplication class, or set"
                            + " context-db.base-packages.");
        }
        return List.copyOf(packages);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContextDbTestSlice slice && slice.testClass == testClass
                && slice.context.equals(context);
    }

    @Override
    public int hashCode() {
        return Objects.hash(testClass, context);
    }

    @Override
    public String toString() {
        return "ContextDbTestSlice[" + testClass.getName() + ", " + context + "]";
    }
}
