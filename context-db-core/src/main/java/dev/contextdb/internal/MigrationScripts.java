package dev.contextdb.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.Modifier;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flywaydb.core.api.ClassProvider;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.StringUtils;

/**
 * Finds the migrations of every context with one shared class path scan. Flyway's own scanner
 * reads every entry of a jar once per location, so N contexts in one application jar read it N
 * times (a fifth of the start-up of 50 contexts, profiled); Spring's resolver, shared here,
 * reads each jar's entries once and looks locations up in them. What is found is what Flyway's
 * scanner finds: each file under a location, named relative to it, read in the configured
 * encoding, and the instantiable {@link JavaMigration} classes. Other locations (file system,
 * wildcards, other schemes) keep Flyway's scanner.
 */
final class MigrationScripts {

    private static final Logger log = LoggerFactory.getLogger(MigrationScripts.class);
    private static final String CLASSPATH = "classpath:";

    private final ClassLoader classLoader;
    private final PathMatchingResourcePatternResolver resolver;

    MigrationScripts(ClassLoader classLoader) {
        this.classLoader = classLoader;
        this.resolver = new PathMatchingResourcePatternResolver(classLoader);
    }

    /**
     * Gives the configuration its scripts and Java migrations, found in the shared scan, unless a
     * location needs Flyway's own scanner.
     * @param configuration a context's configuration, its encoding set
     * @param locations its locations (asking the configuration for them costs more than the scan)
     */
    void provide(FluentConfiguration configuration, List<String> locations) {
        Found found = new Found();
        for (String location : locations) {
            String path = classpathFolder(location);
            if (path == null || !find(path, configuration.getEncoding(), found)) {
                log.debug("context-db leaves location {} to Flyway's scanner", location);
                return;
            }
        }
        configuration.resourceProvider(found).javaMigrationClassProvider(found);
    }

    /**
     * The folder a plain class path location names, as Flyway reads it (no prefix means
     * {@code classpath:}, the prefix in any case), without slashes at either end; {@code null}
     * for any other location: another prefix, wildcards, or nothing. Parsed here, because
     * Flyway's own parser loads all of Flyway's plugins afresh for every location it parses.
     */
    static String classpathFolder(String location) {
        String descriptor = location.trim();
        int colon = descriptor.indexOf(':');
        if (colon >= 0) {
            if (!descriptor.substring(0, colon + 1).equalsIgnoreCase(CLASSPATH)) {
                return null;
            }
            descriptor = descriptor.substring(colon + 1);
        }
        int start = 0;
        int end = descriptor.length();
        while (start < end && descriptor.charAt(start) == '/') {
            start++;
        }
        while (end > start && descriptor.charAt(end - 1) == '/') {
            end--;
        }
        String path = descriptor.substring(start, end);
        return path.isEmpty() || path.contains("*") || path.contains("?") ? null : path;
    }

    /**
     * Adds what a class path folder holds; false for a folder that is not found, lists as empty or
     * is not in a jar or a directory, or for anything found that cannot be named relative to it:
     * those leave the context to Flyway's scanner, so nothing is ever skipped.
     */
    private boolean find(String path, Charset encoding, Found found) {
        try {
            Resource[] roots = resolver.getResources("classpath*:" + path + "/");
            if (roots.length == 0) {
                // Not found as a folder: missing, or held where folders cannot be listed (a jar
                // without folder entries, WebSphere's class loader). Flyway's scanner knows those.
                return false;
            }
            for (Resource root : roots) {
                String protocol = root.getURL().getProtocol();
                if (!protocol.equals("file") && !protocol.equals("jar")) {
                    return false; // vfs:, bundle: and the like: Flyway's scanner knows its own
                }
                String rootUrl = root.getURL().toString();
                int before = found.size();
                for (Resource file : resolver.getResources(rootUrl + "**/*")) {
                    String url = file.getURL().toString();
                    if (!url.startsWith(rootUrl)) {
                        return false;
                    }
                    if (url.endsWith("/") || !file.isReadable() || (file.isFile() && file.getFile().isDirectory())) {
                        continue;
                    }
                    String relative = StringUtils.uriDecode(url.substring(rootUrl.length()), StandardCharsets.UTF_8);
                    String absolute = path + "/" + relative;
                    found.add(new Script(file, absolute, relative, encoding));
                    if (relative.endsWith(".class")) {
                        found.addClass(javaMigration(absolute));
                    }
                }
                if (found.size() == before) {
                    return false; // a folder that lists as empty may be one the resolver cannot read
                }
            }
            return true;
        } catch (IOException e) {
            throw new FlywayException("Unable to scan location classpath:" + path + ": " + e.getMessage(), e);
        }
    }

    /** As Flyway's scanner: a class that implements JavaMigration and can be instantiated, else none. */
    private Class<? extends JavaMigration> javaMigration(String classFile) {
        String name = classFile.substring(0, classFile.length() - ".class".length()).replace('/', '.');
        try {
            Class<?> type = classLoader.loadClass(name);
            if (!JavaMigration.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())
                    || type.isEnum() || type.isAnonymousClass()) {
                return null;
            }
            type.getDeclaredConstructor().newInstance();
            return type.asSubclass(JavaMigration.class);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            log.warn("context-db skips {} as a Java migration: {}", name, e.toString());
            return null;
        }
    }

    /** The scripts and classes found for one context's locations. */
    private static final class Found implements ResourceProvider, ClassProvider<JavaMigration> {

        private final List<LoadableResource> resources = new ArrayList<>();
        private final Map<String, LoadableResource> byRelativePath = new HashMap<>();
        private final List<Class<? extends JavaMigration>> classes = new ArrayList<>();

        void add(Script script) {
            resources.add(script);
            byRelativePath.putIfAbsent(script.getRelativePath().toLowerCase(Locale.ROOT), script);
        }

        int size() {
            return resources.size();
        }

        void addClass(Class<? extends JavaMigration> type) {
            if (type != null && !classes.contains(type)) {
                classes.add(type);
            }
        }

        @Override
        public LoadableResource getResource(String name) {
            return byRelativePath.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
            List<LoadableResource> matching = new ArrayList<>();
            for (LoadableResource resource : resources) {
                if (matches(resource.getFilename(), prefix, suffixes)) {
                    matching.add(resource);
                }
            }
            return matching;
        }

        /** Flyway's rule: the prefix, if any, then something, then one of the suffixes. */
        private static boolean matches(String name, String prefix, String[] suffixes) {
            String start = prefix == null ? "" : prefix;
            if (!name.startsWith(start)) {
                return false;
            }
            for (String suffix : suffixes) {
                if (name.endsWith(suffix) && name.length() > start.length() + suffix.length()) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Collection<Class<? extends JavaMigration>> getClasses() {
            return List.copyOf(classes);
        }
    }

    /** One file under a location. */
    private static final class Script extends LoadableResource {

        private final Resource file;
        private final String absolutePath;
        private final String relativePath;
        private final Charset encoding;

        Script(Resource file, String absolutePath, String relativePath, Charset encoding) {
            this.file = file;
            this.absolutePath = absolutePath;
            this.relativePath = relativePath;
            this.encoding = encoding;
        }

        @Override
        public Reader read() {
            try {
                return new InputStreamReader(file.getInputStream(), encoding.newDecoder());
            } catch (IOException e) {
                throw new FlywayException("Unable to read " + absolutePath + ": " + e.getMessage(), e);
            }
        }

        @Override
        public String getAbsolutePath() {
            return absolutePath;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            try {
                return file.isFile() ? file.getFile().getAbsolutePath() : file.getURL().getPath();
            } catch (IOException e) {
                return absolutePath;
            }
        }

        @Override
        public String getFilename() {
            return absolutePath.substring(absolutePath.lastIndexOf('/') + 1);
        }

        @Override
        public String getRelativePath() {
            return relativePath;
        }
    }
}
