package dev.contextdb.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationHook;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;

/**
 * The application's {@link ConfigurableEnvironment} as its start would prepare it, without
 * starting it: the application's {@code main} runs under a {@link SpringApplicationHook} that stops
 * the run once the environment is prepared, as Spring Boot's own ahead-of-time processing stops it
 * once the context is loaded. So every source the application reads is read the same way
 * ({@code application.properties}/{@code .yml}, profiles, environment variables, system properties,
 * the command line, whatever {@code main} sets on its {@code SpringApplication}), and no bean, web
 * server or banner comes up.
 */
final class ApplicationEnvironment {

    private ApplicationEnvironment() {
    }

    /**
     * @param name {@code --application}, or {@code null} to find the one
     *     {@code @SpringBootConfiguration} class with a {@code main} in the class path's directories
     *     (the project's compiled classes, not its jars)
     * @return the application's main class, or {@code null} when the class path has none
     */
    static @Nullable Class<?> applicationClass(@Nullable String name, ClassLoader classLoader) {
        if (name != null) {
            try {
                return Class.forName(name, false, classLoader);
            } catch (ClassNotFoundException e) {
                throw new MoveArguments.Invalid("--application=" + name + ": no such class on the project's class"
                        + " path.", "name the class whose main method calls SpringApplication.run, by its full name;"
                        + " compile the project first.");
            }
        }
        List<String> found = applicationClasses(classDirectories(classLoader), classLoader);
        if (found.size() > 1) {
            throw new MoveArguments.Invalid("The project has several Spring Boot application classes: " + found + ".",
                    "name the one to read the configuration of with --application=….");
        }
        try {
            return found.isEmpty() ? null : Class.forName(found.get(0), false, classLoader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code @SpringBootConfiguration} classes with a {@code main} under {@code directories}, read without loading them. */
    static List<String> applicationClasses(List<Path> directories, ClassLoader classLoader) {
        MetadataReaderFactory readers = new SimpleMetadataReaderFactory(classLoader);
        List<String> found = new ArrayList<>();
        for (Path root : directories) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                    AnnotationMetadata metadata = readers.getMetadataReader(new FileSystemResource(file))
                            .getAnnotationMetadata();
                    if (metadata.hasMetaAnnotation(SpringBootConfiguration.class.getName())
                            || metadata.hasAnnotation(SpringBootConfiguration.class.getName())) {
                        if (metadata.getDeclaredMethods().stream().anyMatch(method -> method.getMethodName()
                                .equals("main") && method.isStatic())) {
                            found.add(metadata.getClassName());
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the classes under " + root, e);
            }
        }
        return found.stream().distinct().sorted().toList();
    }

    /** The class path's directories: its roots that are not jars. */
    private static List<Path> classDirectories(ClassLoader classLoader) {
        List<Path> roots = new ArrayList<>();
        try {
            Enumeration<URL> urls = classLoader.getResources("");
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                if (url.getProtocol().equals("file")) {
                    Path path = Path.of(url.toURI());
                    if (Files.isDirectory(path)) {
                        roots.add(path);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return roots;
    }

    /**
     * @param application the main class, or {@code null} for a plain {@code SpringApplication}
     *     (then only the configuration files and the environment are read)
     * @param args the Spring Boot arguments
     * @return the environment the application would start with
     */
    static ConfigurableEnvironment load(@Nullable Class<?> application, List<String> args, ClassLoader classLoader) {
        AtomicReference<ConfigurableEnvironment> prepared = new AtomicReference<>();
        SpringApplicationHook hook = springApplication -> new SpringApplicationRunListener() {
            @Override
            public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext,
                    ConfigurableEnvironment environment) {
                prepared.set(environment);
                throw new SpringApplication.AbandonedRunException();
            }
        };
        String[] arguments = args.toArray(String[]::new);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoader);
        try {
            SpringApplication.withHook(hook, () -> {
                if (application == null) {
                    new SpringApplication().run(arguments);
                } else {
                    runMain(application, arguments);
                }
            });
        } catch (SpringApplication.AbandonedRunException e) {
            // The hook stopped the run, with the environment prepared.
        } finally {
            thread.setContextClassLoader(previous);
        }
        ConfigurableEnvironment environment = prepared.get();
        if (environment == null) {
            throw new MoveArguments.Invalid((application == null ? "Spring Boot" : application.getName() + ".main")
                    + " did not start a SpringApplication on its thread, so its configuration could not be read.",
                    "pass --application=… naming the class whose main method calls SpringApplication.run.");
        }
        // As the run does right after the listeners: default properties rank last.
        DefaultPropertiesPropertySource.moveToEnd(environment);
        return environment;
    }

    private static void runMain(Class<?> application, String[] arguments) {
        Method main;
        try {
            main = application.getMethod("main", String[].class);
        } catch (NoSuchMethodException e) {
            throw new MoveArguments.Invalid("--application=" + application.getName() + " has no main method.",
                    "name the class whose main method calls SpringApplication.run.");
        }
        if (!Modifier.isStatic(main.getModifiers())) {
            throw new MoveArguments.Invalid("--application=" + application.getName() + ": main is not static.",
                    "name the class whose static main method calls SpringApplication.run.");
        }
        try {
            main.invoke(null, (Object) arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(application.getName() + ".main failed before its SpringApplication"
                    + " prepared the environment", e.getCause());
        } catch (IllegalAccessException e) {
            throw new MoveArguments.Invalid("--application=" + application.getName() + ": main is not accessible.",
                    "make the application class and its main method public.");
        }
    }
}
