package dev.contextdb.test;

import dev.contextdb.IsolationStrategy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContext;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;

/**
 * The runs of a {@link ContextDbTest} class: one per strategy of {@link ContextDbTest#strategy()},
 * or one with the configured placement. The Spring test context of a class is one object for all
 * its runs, so the run tells the slice its strategy here, and the slice closes the application
 * context after each run ({@link ContextDbTestCleanup}): the next run starts a new one.
 */
final class ContextDbTestRuns implements ClassTemplateInvocationContextProvider {

    /** The strategy of the run under way, by test class; absent: the configured placement. */
    private static final Map<Class<?>, IsolationStrategy> CURRENT = new ConcurrentHashMap<>();

    @Override
    public boolean supportsClassTemplate(ExtensionContext context) {
        return annotation(context.getRequiredTestClass()) != null;
    }

    @Override
    public Stream<? extends ClassTemplateInvocationContext> provideClassTemplateInvocationContexts(
            ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        List<IsolationStrategy> strategies = Arrays.asList(annotation(testClass).strategy());
        if (strategies.isEmpty()) {
            return Stream.of(new Run(testClass, null));
        }
        return strategies.stream().distinct().map(strategy -> new Run(testClass, strategy));
    }

    /**
     * @param testClass a test class
     * @return the strategy of its run under way; without a run (a runner that knows no class
     *     templates), the first of its strategies; {@code null}: as configured
     */
    static IsolationStrategy current(Class<?> testClass) {
        IsolationStrategy current = CURRENT.get(testClass);
        if (current != null) {
            return current;
        }
        ContextDbTest annotation = annotation(testClass);
        return annotation == null || annotation.strategy().length == 0 ? null : annotation.strategy()[0];
    }

    static ContextDbTest annotation(Class<?> testClass) {
        return MergedAnnotations.search(SearchStrategy.TYPE_HIERARCHY).withEnclosingClasses(type -> true)
                .from(testClass).get(ContextDbTest.class)
                .synthesize(annotation -> annotation.isPresent()).orElse(null);
    }

    private record Run(Class<?> testClass, IsolationStrategy strategy) implements ClassTemplateInvocationContext {

        @Override
        public String getDisplayName(int invocationIndex) {
            return strategy == null ? "[configured placement]" : "[" + strategy + "]";
        }

        @Override
        public void prepareInvocation(ExtensionContext context) {
            if (strategy != null) {
                CURRENT.put(testClass, strategy);
            }
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of((AfterAllCallback) context -> CURRENT.remove(testClass));
        }
    }
}
